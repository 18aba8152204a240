from parcours.www.documents import views
from parcours.www.routes import routes

app_name = "documents"
urlpatterns = routes(
    """
    <int:pk>/documents/                               document_list             list
    <int:pk>/documents/<int:document_pk>/             document_file             file
    <int:pk>/documents/<int:document_pk>/retirer/     document_remove           remove
    """,
    views=views,
)
