"""Les signataires des accords nationaux du CNML et ce qu'en dit le rapport 2010 (seed 000, complété par 004).

Chargés par la migration ``0002_signatories`` comme données de référence. Les régions de 2010 sont
rapportées aux régions actuelles (ex. : Nord-Pas-de-Calais -> Hauts-de-France) ; le texte garde le
nom d'origine. Une date que les sources ne donnent pas reste vide (précision « inconnue »).
"""

import datetime

D = datetime.date
SOURCE = "Rapport d'activité 2010 du secrétariat général du CNML (seed 000)"
SOURCE_004 = "Préconisations du CNML pour les quartiers prioritaires (seed 004)"

#: (code, nom, sigle, type, secteur)
PARTNERS = [
    (
        "acfci",
        "Assemblée des chambres françaises de commerce et d'industrie",
        "ACFCI",
        "public",
        "Réseau consulaire",
    ),
    ("afrc", "Association française de la relation client", "AFRC", "federation", "Relation client"),
    (
        "anfa",
        "Fonds d'assurance formation de la branche des services de l'automobile",
        "ANFA",
        "opca",
        "Services de l'automobile",
    ),
    ("areva", "Groupe AREVA", "AREVA", "entreprise", "Énergie nucléaire"),
    ("casino", "Groupe Casino", "CASINO", "entreprise", "Grande distribution"),
    ("carglass", "Carglass", "CARGLASS", "entreprise", "Réparation de vitrage automobile"),
    (
        "carrefour",
        "Carrefour (Hypermarchés et Market France)",
        "CARREFOUR",
        "entreprise",
        "Grande distribution",
    ),
    ("crit", "Groupe CRIT", "CRIT", "entreprise", "Travail temporaire"),
    ("dcns", "DCNS (Direction de la construction navale)", "DCNS", "entreprise", "Construction navale"),
    ("dexia", "Dexia et Fondation Dexia", "DEXIA", "entreprise", "Banque"),
    (
        "fafih",
        "FAFIH, OPCA de l'hôtellerie, de la restauration et des loisirs",
        "FAFIH",
        "opca",
        "Hôtellerie, restauration",
    ),
    ("fep", "Fédération des entreprises de propreté", "FEP", "federation", "Propreté"),
    ("fare", "FARE, fonds de la branche de la propreté", "FARE", "association", "Propreté"),
    (
        "ims",
        "Institut du mécénat social – Entreprendre pour la Cité",
        "IMS",
        "association",
        "Mécénat, diversité",
    ),
    ("marine", "Marine nationale", "Marine nationale", "public", "Défense"),
    ("mediapost", "Mediapost", "MEDIAPOST", "entreprise", "Distribution, marketing direct"),
    ("gdfsuez", "Groupe GDF SUEZ", "GDF SUEZ", "entreprise", "Énergie, environnement"),
    ("ineo", "INEO", "INEO", "entreprise", "Génie électrique"),
    ("lyonnaise", "Lyonnaise des eaux", "Lyonnaise des eaux", "entreprise", "Eau, assainissement"),
    ("police", "Police nationale", "Police nationale", "public", "Sécurité publique"),
    ("sita", "SITA", "SITA", "entreprise", "Propreté, déchets"),
    ("sncf", "SNCF", "SNCF", "entreprise", "Transport ferroviaire"),
    ("veolia", "Groupe Veolia", "VEOLIA", "entreprise", "Eau, énergie, déchets, transport"),
]

#: Accords : code, intitulé, parties, date, précision, régions pilotes, généralisation, objectifs propres
#: (vides = les trois objectifs communs), bilan, réunions de 2010, déclinaisons régionales.
AGREEMENTS = [
    {"code": "acfci", "title": "Accord national CNML – ACFCI", "parties": ["acfci"]},
    {"code": "afrc", "title": "Accord national CNML – AFRC", "parties": ["afrc"]},
    {
        "code": "anfa",
        "title": "Accord-cadre national CNML – ANFA (services de l'automobile)",
        "parties": ["anfa"],
        "signed_on": D(2010, 6, 1),
        "precision": "mois",
        "pilot_regions": ["32", "84"],
        "national_rollout_on": D(2010, 6, 1),
        "objectives": "Repérer et mutualiser les bonnes pratiques favorisant l'accès des jeunes à la qualification "
        "et à l'emploi dans le secteur des services de l'automobile.\n"
        "Mobiliser progressivement les deux réseaux à l'échelle nationale.",
        "summary": "Accord-cadre signé en juin 2010 pour l'ensemble du territoire, après l'expérimentation de 2009 "
        "dans les régions Nord-Pas-de-Calais et Rhône-Alpes.",
        "declinations": [
            (
                "44",
                D(2010, 1, 1),
                "Animation régionale des missions locales de Champagne-Ardenne, délégation régionale de l'ANFA",
                "Déclinaison de l'accord national en Champagne-Ardenne (2010).",
                "",
            )
        ],
    },
    {
        "code": "areva",
        "title": "Accord national CNML – groupe AREVA",
        "parties": ["areva"],
        "summary": "Forum alternance région Sud-Est à Pierrelatte (avril 2010) ; « cafés de la diversité » dans les "
        "établissements du groupe ; « Rendez-vous bénévoles » à Paris et Lyon.",
        "meetings": [
            (D(2010, 3, 4), "seminaire", "Villeurbanne", "Parrainage avec le groupe AREVA"),
            (D(2010, 6, 1), "suivi", "", ""),
        ],
    },
    {
        "code": "casino",
        "title": "Accord national CNML – groupe Casino",
        "parties": ["casino"],
        "signed_on": D(2009, 6, 1),
        "precision": "mois",
        "pilot_regions": ["27", "11"],
        "objectives": "Recruter des managers en supermarché et des assistants managers en cafétéria parmi les jeunes "
        "en CIVIS ou résidant en ZUS, par la méthode de recrutement par simulation.\n"
        "Informer les conseillers des missions locales sur les métiers du groupe et les profils de postes.\n"
        "Développer le parrainage vers l'emploi par les 50 correspondants « Promotion de la diversité ».",
        "summary": "Expérimentation en Bourgogne, Franche-Comté et Île-de-France (004). 1 442 jeunes de moins de "
        "26 ans recrutés dans le cadre du plan Espoir banlieues (000).",
        "source": SOURCE + " ; " + SOURCE_004,
    },
    {
        "code": "carglass",
        "title": "Accord national CNML – Carglass",
        "parties": ["carglass"],
        "meetings": [(D(2010, 3, 10), "suivi", "", "")],
    },
    {
        "code": "carrefour",
        "title": "Accord national CNML – Carrefour",
        "parties": ["carrefour"],
        "signed_on": D(2009, 6, 1),
        "precision": "mois",
        "summary": "Partenariat étendu progressivement à tout le territoire, avec des entretiens en visioconférence "
        "depuis les missions locales. 336 jeunes présélectionnés par les missions locales recrutés en 2010 : "
        "Île-de-France 91 en contrat de professionnalisation et 44 en CDI ou CDD ; Sud et Grand Ouest 80 ; "
        "Nord 64 en contrat de professionnalisation ; Market Nord 47 en contrat de professionnalisation.",
    },
    {
        "code": "crit",
        "title": "Accord national CNML – groupe CRIT (intérim)",
        "parties": ["crit"],
        "pilot_regions": ["44", "28", "32", "52"],
        "objectives": "Mutualiser les bonnes pratiques de coopération entre agences CRIT et missions locales "
        "(neuf binômes dans six régions).\n"
        "Offrir aux jeunes sans expérience une première mission d'intérim dans un parcours d'insertion personnalisé.",
        "summary": "Expérimentation démarrée en mars 2007 en Alsace, Basse-Normandie, Haute-Normandie, Lorraine, "
        "Nord-Pas-de-Calais et Pays de la Loire ; fin 2007, 235 jeunes suivis par 8 missions locales ont eu une "
        "première mission d'intérim (004).",
        "source": SOURCE_004,
    },
    {
        "code": "dcns",
        "title": "Filière Compétences : accord CNML – DCNS – Marine nationale",
        "parties": ["dcns", "marine"],
        "signed_on": D(2008, 1, 1),
        "precision": "annee",
        "pilot_regions": ["53", "52", "75", "93", "11"],
        "objectives": "Renforcer le recrutement de jeunes dans les filières de production en 2008, 2009 et 2010, "
        "en s'adossant à l'apprentissage.\n"
        "Faire découvrir les métiers aux collégiens et à leurs enseignants.",
        "summary": "Accord signé début 2008 avec Pôle emploi et l'association Jeunesse et Entreprises. Bilan "
        "2008-2010 : 1 855 jeunes en mini-stages de découverte, 562 tuteurs volontaires, 303 jeunes en alternance, "
        "115 jeunes en emploi fin 2010. Régions : Bretagne, Pays de la Loire, Poitou-Charentes, PACA, "
        "Île-de-France.",
        "meetings": [(D(2010, 12, 15), "suivi", "", "")],
    },
    {
        "code": "dexia",
        "title": "Partenariat CNML – Fondation Dexia",
        "parties": ["dexia"],
        "signed_on": D(2003, 1, 1),
        "precision": "annee",
        "national_rollout_on": D(2003, 1, 1),
        "objectives": "Développer la citoyenneté des jeunes comme levier vers l'emploi (appel à projets).\n"
        "Former une centaine de jeunes par an à l'École de la citoyenneté.\n"
        "Parrainage de jeunes par les collaborateurs de Dexia, 2 heures par mois sur leur temps de travail.",
        "summary": "En 8 ans, 285 projets citoyens soutenus pour près de deux millions d'euros. En 2010, 80 % des "
        "40 jeunes parrainés ont accédé à un emploi ou une formation.",
        "meetings": [
            (D(2010, 2, 1), "suivi", "", ""),
            (D(2010, 3, 19), "suivi", "", ""),
            (D(2010, 5, 21), "suivi", "", ""),
            (D(2010, 7, 23), "suivi", "", ""),
            (D(2010, 9, 10), "suivi", "", "Appel à projets 2010"),
            (D(2010, 10, 8), "suivi", "", ""),
        ],
    },
    {
        "code": "fafih",
        "title": "Partenariat CNML – FAFIH (hôtellerie, restauration, loisirs)",
        "parties": ["fafih"],
        "signed_on": D(2010, 12, 1),
        "precision": "mois",
        "pilot_regions": ["28", "93"],
        "objectives": "Favoriser la connaissance mutuelle des structures (réunions de travail, partage des ressources).\n"
        "Favoriser la connaissance des métiers et filières du secteur.\n"
        "Rapprocher les besoins des entreprises d'un bassin d'emploi et les potentiels des jeunes.\n"
        "Favoriser la qualification des jeunes pour répondre à la demande des entreprises.\n"
        "Repérer les situations d'illettrisme et offrir une réponse adaptée.\n"
        "Communiquer et évaluer les résultats des actions.",
        "summary": "Plans d'action locaux d'abord en Basse-Normandie et en Provence-Alpes-Côte d'Azur, étendus "
        "ensuite à l'échelle nationale.",
        "meetings": [
            (D(2010, 5, 26), "suivi", "", ""),
            (D(2010, 6, 21), "suivi", "", ""),
            (D(2010, 9, 2), "suivi", "", ""),
        ],
    },
    {
        "code": "fep-fare",
        "title": "Accord national CNML – FEP et FARE (propreté)",
        "parties": ["fep", "fare"],
        "signed_on": D(2007, 12, 1),
        "precision": "mois",
        "pilot_regions": ["75", "24", "76", "93"],
        "objectives": "Favoriser l'insertion durable dans l'entreprise et la qualification des jeunes par "
        "l'alternance (apprentissage et contrats de professionnalisation).\n"
        "Valoriser la branche et ses métiers auprès des conseillers et des jeunes.",
        "meetings": [(D(2010, 7, 9), "suivi", "", "Réunion avec le FARE")],
        "declinations": [
            (
                "75",
                D(2010, 1, 1),
                "Branche de la propreté (FARE), conseil régional d'Aquitaine, missions locales prescriptrices",
                "« Parcours Emploi Propreté » : découverte du secteur, dynamisation individuelle, acquisition des "
                "gestes techniques et professionnels.",
                "45 bénéficiaires : 18 contrats de travail dans une entreprise de nettoyage, 1 formation qualifiante "
                "en propreté, 10 emplois dans d'autres secteurs, 2 formations qualifiantes hors propreté.",
            )
        ],
    },
    {
        "code": "ims",
        "title": "Accord national CNML – IMS Entreprendre pour la Cité",
        "parties": ["ims"],
        "signed_on": D(2008, 1, 1),
        "precision": "annee",
        "pilot_regions": ["75", "53", "11", "44", "93"],
        "objectives": "Transmettre aux missions locales les offres d'emploi des entreprises partenaires de la cellule "
        "« emploi et diversité ».\n"
        "Sensibiliser les entreprises au parrainage, aux évènements jeunes-professionnels et au mécénat.\n"
        "Organiser des journées training à la recherche d'emploi et des rencontres de l'emploi.",
        "summary": "Fin 2010, plus d'une centaine d'actions menées sur le territoire.",
        "meetings": [
            (D(2010, 4, 26), "suivi", "CNML", ""),
            (D(2010, 12, 17), "suivi", "", "Charte de la diversité"),
        ],
    },
    {
        "code": "mediapost",
        "title": "Accord national CNML – Mediapost",
        "parties": ["mediapost"],
        "signed_on": D(2008, 1, 1),
        "precision": "annee",
        "objectives": "Promouvoir les métiers du groupe.\nRecruter des jeunes accompagnés par les missions locales.\n"
        "Sécuriser les parcours professionnels des demandeurs d'emploi.",
        "summary": "600 jeunes de moins de 26 ans des quartiers sensibles recrutés depuis 2008, dont 200 en 2009 ; "
        "420 distributeurs et magasiniers formés et diplômés (CFG).",
        "meetings": [(D(2010, 1, 11), "suivi", "", "")],
    },
    {
        "code": "gdfsuez",
        "title": "Accord national CNML – groupe GDF SUEZ",
        "parties": ["gdfsuez"],
        "summary": "Dispositif « Permis, emploi, citoyenneté » mis en œuvre en 2010 pour 100 jeunes de Seine-Saint-Denis.",
        "meetings": [(D(2010, 5, 20), "suivi", "", "Dispositif Permis, sport, emploi")],
        "declinations": [
            (
                "11",
                D(2010, 1, 1),
                "Missions locales du 93 et du 94, région Île-de-France, conseil général de Seine-Saint-Denis, "
                "SITA Rebond",
                "« Permis, emploi, citoyenneté » : 3 mois de mobilisation pré-qualifiante avec immersion en entreprise, "
                "stage sportif, puis alternance en entreprise.",
                "374 jeunes positionnés par les missions locales, 293 présents à 7 informations collectives, "
                "103 entrés dans le parcours, 85 formés (13 abandons en début de parcours, 5 en cours de formation).",
            )
        ],
    },
    {"code": "ineo", "title": "Accord national CNML – INEO", "parties": ["ineo"]},
    {"code": "lyonnaise", "title": "Accord national CNML – Lyonnaise des eaux", "parties": ["lyonnaise"]},
    {"code": "police", "title": "Accord national CNML – Police nationale", "parties": ["police"]},
    {
        "code": "sita",
        "title": "Accord national CNML – SITA",
        "parties": ["sita"],
        "summary": "SITA Rebond, entreprise d'insertion, participe au dispositif « Permis, emploi, citoyenneté ».",
    },
    {
        "code": "sncf",
        "title": "Accord national CNML – SNCF",
        "parties": ["sncf"],
        "summary": "Train pour l'emploi et l'égalité des chances du 1er mars au 4 avril 2010.",
        "meetings": [
            (D(2010, 2, 2), "suivi", "", ""),
            (D(2010, 11, 23), "seminaire", "Salon des maires", "Table ronde"),
        ],
    },
    {"code": "veolia", "title": "Accord national CNML – groupe Veolia", "parties": ["veolia"]},
]

#: Opération nationale de 2010 chiffrée par la source (000).
NATIONAL_EVENTS = [
    {
        "agreement": "sncf",
        "kind": "forum",
        "title": "Train pour l'emploi et l'égalité des chances",
        "date": D(2010, 3, 1),
        "end_date": D(2010, 4, 4),
        "place": "12 étapes : Île-de-France, PACA, Midi-Pyrénées, Aquitaine, Centre, Pays de la Loire, Bretagne, "
        "Lorraine, Nord-Pas-de-Calais, Rhône-Alpes",
        "companies": 10,
        "offers": 15000,
        "visitors": 20150,
        "cvs": 8950,
        "interviews": 4748,
        "hires": 0,
        "notes": "2 579 entretiens validés ; 5 756 candidats continuant le processus de recrutement. "
        "Embauches non connues à la clôture.",
    }
]


def load(apps, schema_editor=None):
    Partner = apps.get_model("employers", "Partner")
    Agreement = apps.get_model("employers", "Agreement")
    AgreementParty = apps.get_model("employers", "AgreementParty")
    Declination = apps.get_model("employers", "RegionalDeclination")
    Meeting = apps.get_model("employers", "FollowUpMeeting")
    Event = apps.get_model("employers", "Event")
    Region = apps.get_model("referential", "Region")
    regions = {r.code: r for r in Region.objects.all()}
    partners = {}
    for code, name, short_name, kind, sector in PARTNERS:
        partners[code], _ = Partner.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "kind": kind, "sector": sector}
        )
    agreements = {}
    for data in AGREEMENTS:
        defaults = {
            "title": data["title"],
            "status": "signe",
            "signed_on": data.get("signed_on"),
            "signed_on_precision": data.get("precision", "inconnue" if not data.get("signed_on") else "jour"),
            "summary": data.get("summary", ""),
            "national_rollout_on": data.get("national_rollout_on"),
            "source": data.get("source", SOURCE),
        }
        if data.get("objectives"):
            defaults["objectives"] = data["objectives"]
        agreement, _ = Agreement.objects.get_or_create(code=data["code"], defaults=defaults)
        agreements[data["code"]] = agreement
        agreement.pilot_regions.set([regions[c] for c in data.get("pilot_regions", []) if c in regions])
        for code in data["parties"]:
            AgreementParty.objects.get_or_create(agreement=agreement, partner=partners[code])
        for date, kind, place, subject in data.get("meetings", []):
            Meeting.objects.get_or_create(
                agreement=agreement, date=date, defaults={"kind": kind, "place": place, "subject": subject}
            )
        for region_code, date, leads, plan, results in data.get("declinations", []):
            if region_code in regions:
                Declination.objects.get_or_create(
                    agreement=agreement,
                    region=regions[region_code],
                    defaults={"signed_on": date, "leads": leads, "action_plan": plan, "results": results},
                )
    for data in NATIONAL_EVENTS:
        data = dict(data)
        agreement = agreements[data.pop("agreement")]
        Event.objects.get_or_create(
            title=data.pop("title"), date=data.pop("date"), defaults={**data, "agreement": agreement}
        )
