from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from parcours.accounts.access import can_see_personal_data
from parcours.api.serializers import SearchSerializer, YoungPersonSerializer
from parcours.young_people import services
from parcours.young_people.models import FileAccess, YoungPerson


class YoungPersonViewSet(viewsets.ReadOnlyModelViewSet):
    """Dossiers des jeunes de la mission locale de l'utilisateur (sans données sensibles)."""

    serializer_class = YoungPersonSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # génération du schéma OpenAPI, sans utilisateur
            return YoungPerson.objects.none()
        if not can_see_personal_data(self.request.user):
            raise PermissionDenied("Réservé au personnel des missions locales.")
        qs = YoungPerson.objects.visible_to(self.request.user).select_related("mission_locale", "referent")
        if self.action != "list":
            return qs
        search = SearchSerializer(data=self.request.query_params)
        search.is_valid(raise_exception=True)  # 400 et message en français (un NUL donnait une 500)
        return qs.search(search.validated_data.get("q", "")).order_by("last_name", "first_name", "pk")

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Fragment de nom ou de prénom")])
    def list(self, request, *args, **kwargs):
        """Chaque dossier de la page rendue est journalisé (canal ``api_liste``), en une insertion."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        services.record_accesses(
            request.user, [young_person.pk for young_person in page], FileAccess.API_LIST
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        young_person = self.get_object()
        services.record_access(request.user, young_person, channel=FileAccess.API)
        return Response(self.get_serializer(young_person).data)
