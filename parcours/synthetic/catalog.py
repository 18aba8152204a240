"""Référentiels d'activité des données synthétiques : métiers ROME, employeurs, organismes, libellés."""

from parcours.accompaniment.enums import ProposalKind, Theme

#: Métiers ROME fréquents chez les jeunes accompagnés (code valide : lettre A–N et 4 chiffres).
ROME_JOBS = [
    ("K2204", "Nettoyage de locaux"),
    ("N1103", "Magasinage et préparation de commandes"),
    ("D1507", "Mise en rayon libre-service"),
    ("D1505", "Personnel de caisse"),
    ("G1603", "Personnel polyvalent en restauration"),
    ("G1602", "Personnel de cuisine"),
    ("G1803", "Service en restauration"),
    ("D1106", "Vente en alimentation"),
    ("D1214", "Vente en habillement et accessoires de la personne"),
    ("F1703", "Maçonnerie"),
    ("F1602", "Électricité bâtiment"),
    ("F1603", "Installation d'équipements sanitaires et thermiques"),
    ("F1606", "Peinture en bâtiment"),
    ("H2909", "Montage-assemblage mécanique"),
    ("H3302", "Opérations manuelles d'assemblage, tri ou emballage"),
    ("I1604", "Mécanique automobile et entretien de véhicules"),
    ("A1203", "Aménagement et entretien des espaces verts"),
    ("A1414", "Horticulture et maraîchage"),
    ("K1302", "Assistance auprès d'adultes"),
    ("K1303", "Assistance auprès d'enfants"),
    ("J1501", "Soins d'hygiène, de confort du patient"),
    ("M1607", "Secrétariat"),
    ("M1203", "Comptabilité"),
    ("G1703", "Réception en hôtellerie"),
    ("N4105", "Conduite et livraison par tournées sur courte distance"),
    ("N4101", "Conduite de transport de marchandises sur longue distance"),
    ("K1707", "Surveillance municipale"),
    ("K2503", "Sécurité et surveillance privées"),
    ("D1102", "Boulangerie - viennoiserie"),
    ("D1101", "Boucherie"),
    ("D1202", "Coiffure"),
    ("D1208", "Soins esthétiques et corporels"),
    ("I1203", "Maintenance des bâtiments et des locaux"),
    ("M1801", "Administration de systèmes d'information"),
    ("E1205", "Réalisation de contenus multimédias"),
    ("G1204", "Éducation en activités sportives"),
    ("K2111", "Formation professionnelle"),
    ("H2903", "Conduite d'équipement d'usinage"),
    ("N1101", "Conduite d'engins de déplacement des charges"),
    ("D1401", "Assistanat commercial"),
]

EMPLOYERS = [
    "Carrefour", "Casino", "SNCF", "Veolia", "La Poste", "Mediapost", "Carglass", "Sita", "Lyonnaise des eaux",
    "Ineo", "Adecco", "Manpower", "Randstad", "Crit intérim", "Synergie", "Leclerc", "Intermarché",
    "Lidl", "Auchan", "McDonald's", "Boulangerie Paul", "Boulangerie du Centre", "Garage de la Gare",
    "Maçonnerie Durand et fils", "Électricité Lefebvre", "Espaces verts de l'Agglomération",
    "EHPAD Les Tilliers", "Centre hospitalier", "Mairie", "Association d'aide à domicile", "Onet",
    "Derichebourg", "Samsic", "Elior", "Sodexo", "Kiabi", "Decathlon", "Amazon", "Geodis", "DHL",
    "Bouygues Bâtiment", "Vinci Construction", "Eiffage", "Colas", "Renault", "Stellantis", "Safran",
    "Hôtel de la Plage", "Restaurant Le Relais", "Coiffure Élégance", "Pharmacie du Marché",
]  # fmt: skip

TRAINING_BODIES = [
    "AFPA", "GRETA", "CFA du bâtiment", "CFA de la chambre de métiers", "CFA de l'industrie",
    "École de la deuxième chance", "EPIDE", "Institut de formation d'aides-soignants", "Lycée professionnel",
    "Organisme de formation régional", "CNAM", "Compagnons du devoir", "Chambre de commerce et d'industrie",
]  # fmt: skip

VOLUNTEERING_HOSTS = [
    "Unis-Cité", "Croix-Rouge française", "Secours populaire", "Restos du cœur", "Ligue de l'enseignement",
    "Commune", "Association sportive", "Centre social",
]  # fmt: skip

PARTNERS_BY_THEME = {
    Theme.EMPLOYMENT: ["France Travail", "Agence d'intérim", "Entreprise partenaire", "GEIQ", "Club d'entreprises"],
    Theme.TRAINING: ["Conseil régional", "AFPA", "GRETA", "CFA", "École de la deuxième chance", "CIO"],
    Theme.PROJECT: ["France Travail", "Cité des métiers", "CIO", "Entreprise partenaire"],
    Theme.HEALTH: ["CPAM", "Point accueil écoute jeunes", "Centre de santé", "Maison des adolescents"],
    Theme.HOUSING: ["Foyer de jeunes travailleurs", "Action Logement", "CCAS", "Service intégré d'accueil et d'orientation"],
    Theme.MOBILITY: ["Auto-école sociale", "Plateforme mobilité", "Conseil départemental"],
    Theme.CITIZENSHIP: ["Agence du service civique", "Maison de la justice et du droit", "Centre social"],
    Theme.LEISURE: ["Maison des jeunes et de la culture", "Club sportif", "Médiathèque"],
    Theme.RIGHTS: ["CAF", "CPAM", "Point justice", "Conseil départemental", "Fonds d'aide aux jeunes"],
    Theme.DIGITAL: ["Espace public numérique", "Conseiller numérique France Services", "Emmaüs Connect"],
}  # fmt: skip

KINDS_BY_THEME = {
    Theme.EMPLOYMENT: [ProposalKind.JOB_OFFER, ProposalKind.IMMERSION, ProposalKind.SPONSORSHIP, ProposalKind.WORKSHOP],
    Theme.TRAINING: [ProposalKind.TRAINING, ProposalKind.WORKSHOP, ProposalKind.PARTNER_SERVICE],
    Theme.PROJECT: [ProposalKind.IMMERSION, ProposalKind.WORKSHOP, ProposalKind.PARTNER_SERVICE],
    Theme.HEALTH: [ProposalKind.PARTNER_SERVICE, ProposalKind.FINANCIAL_AID],
    Theme.HOUSING: [ProposalKind.PARTNER_SERVICE, ProposalKind.FINANCIAL_AID],
    Theme.MOBILITY: [ProposalKind.FINANCIAL_AID, ProposalKind.PARTNER_SERVICE, ProposalKind.WORKSHOP],
    Theme.CITIZENSHIP: [ProposalKind.PARTNER_SERVICE, ProposalKind.OTHER],
    Theme.LEISURE: [ProposalKind.PARTNER_SERVICE, ProposalKind.OTHER],
    Theme.RIGHTS: [ProposalKind.PARTNER_SERVICE, ProposalKind.FINANCIAL_AID],
    Theme.DIGITAL: [ProposalKind.WORKSHOP, ProposalKind.PARTNER_SERVICE],
}  # fmt: skip

PROPOSAL_LABELS = {
    ProposalKind.JOB_OFFER: "Offre d'emploi : {job}",
    ProposalKind.TRAINING: "Formation : {job}",
    ProposalKind.PARTNER_SERVICE: "Orientation vers {partner}",
    ProposalKind.IMMERSION: "Immersion (PMSMP) : {job}",
    ProposalKind.SPONSORSHIP: "Mise en relation avec un parrain",
    ProposalKind.FINANCIAL_AID: "Demande d'aide financière",
    ProposalKind.WORKSHOP: "Atelier collectif",
    ProposalKind.OTHER: "Démarche accompagnée",
}

CONTACT_NOTES = [
    "Point sur les démarches de recherche d'emploi.",
    "Mise à jour du CV et de la lettre de motivation.",
    "Préparation à l'entretien d'embauche.",
    "Le jeune souhaite se former ; recherche d'organismes.",
    "Bilan de l'immersion en entreprise.",
    "Difficultés de logement évoquées ; orientation vers un partenaire.",
    "Point sur le projet professionnel.",
    "Aide à l'inscription à France Travail.",
    "Démarches d'ouverture des droits (CSS, CAF).",
    "Le jeune a trouvé une piste d'emploi, à suivre.",
    "Travail sur la mobilité : permis de conduire.",
    "Rendez-vous de suivi dans l'emploi.",
]

DIPLOMAS_BY_LEVEL = {
    "VI": ["", "", "", "Certificat de formation générale"],
    "Vbis": ["", "", "Diplôme national du brevet"],
    "V": ["CAP", "BEP", "CAP", "", "Diplôme national du brevet"],
    "IV": ["Baccalauréat professionnel", "Baccalauréat général", "Baccalauréat technologique", "", "Brevet professionnel"],
    "III": ["BTS", "DUT", "BUT", "Diplôme d'État d'éducateur"],
    "II": ["Licence", "Licence professionnelle", "Maîtrise"],
    "I": ["Master", "Diplôme d'ingénieur"],
}  # fmt: skip

HEALTH_NOTES = [
    "Suivi psychologique en cours.",
    "Problème de santé chronique déclaré par le jeune.",
    "Orienté vers un point accueil écoute jeunes.",
    "Addiction évoquée, orientation vers un CSAPA.",
]
