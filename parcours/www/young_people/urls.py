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
    <id:pk>/                                    detail
    <id:pk>/modifier/                           edit
    <id:pk>/historique/                         history
    <id:pk>/attestation.pdf                     attestation.attestation
    <id:pk>/synthese.pdf                        summary.file_summary
    <id:pk>/archiver/                           archive
    <id:pk>/referent/                           transfer
    <id:pk>/fusionner/                          merge
    <id:pk>/contacts/nouveau/                   acts.contact_create
    <id:pk>/contacts/<id:contact_pk>/           acts.contact_edit
    <id:pk>/propositions/nouvelle/              acts.proposal_create
    <id:pk>/propositions/<id:proposal_pk>/      acts.proposal_status
    <id:pk>/situations/nouvelle/                acts.situation_create
    <id:pk>/situations/<id:situation_pk>/       acts.situation_edit
    """,
    views=views,
    acts=acts,
    attestation=attestation,
    summary=summary,
    to_fix=to_fix,
    duplicate_pairs=duplicate_pairs,
)
