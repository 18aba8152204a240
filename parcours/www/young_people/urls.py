from parcours.www.accompaniment import views as acts
from parcours.www.routes import routes
from parcours.www.young_people import attestation, duplicate_pairs, summary, to_fix, views

app_name = "young_people"
urlpatterns = routes(
    """
    -                                           search
    mes-jeunes/                                 portfolio
    nouveau/                                    create
    sans-referent/                              unassigned
    doublons/                                   duplicate_pairs.duplicate_pairs
    doublons/ecarter/                           duplicate_pairs.dismiss_pair
    a-corriger/                                 to_fix.files_to_fix  to_fix
    <int:pk>/                                   detail
    <int:pk>/modifier/                          edit
    <int:pk>/historique/                        history
    <int:pk>/attestation.pdf                    attestation.attestation
    <int:pk>/synthese.pdf                       summary.file_summary
    <int:pk>/archiver/                          archive
    <int:pk>/referent/                          transfer
    <int:pk>/fusionner/                         merge
    <int:pk>/contacts/nouveau/                  acts.contact_create
    <int:pk>/contacts/<int:contact_pk>/         acts.contact_edit
    <int:pk>/propositions/nouvelle/             acts.proposal_create
    <int:pk>/propositions/<int:proposal_pk>/    acts.proposal_status
    <int:pk>/situations/nouvelle/               acts.situation_create
    <int:pk>/situations/<int:situation_pk>/     acts.situation_edit
    """,
    views=views,
    acts=acts,
    attestation=attestation,
    summary=summary,
    to_fix=to_fix,
    duplicate_pairs=duplicate_pairs,
)
