from parcours.www.documents import views
from parcours.www.routes import routes

app_name = "documents"
urlpatterns = routes(
    """
    <id:pk>/documents/                                document_list             list
    <id:pk>/documents/<id:document_pk>/               document_file             file
    <id:pk>/documents/<id:document_pk>/retirer/       document_remove           remove
    """,
    views=views,
)
