from django.core.validators import ProhibitNullCharactersValidator
from rest_framework import serializers

from parcours.validators import validate_no_control_characters
from parcours.young_people.models import YoungPerson


class YoungPersonSerializer(serializers.ModelSerializer):
    mission_locale = serializers.SlugRelatedField(slug_field="code", read_only=True)
    referent = serializers.StringRelatedField()

    class Meta:
        model = YoungPerson
        fields = [
            "id",
            "mission_locale",
            "last_name",
            "first_name",
            "birth_date",
            "sex",
            "commune",
            "in_qpv",
            "in_zrr",
            "is_rural",
            "education_level",
            "first_reception_date",
            "referent",
            "archived_at",
        ]
        read_only_fields = fields


class SearchSerializer(serializers.Serializer):
    """Paramètres de la liste : ``q``, fragment de nom ou de prénom, sans caractère de contrôle."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["q"]
        # Le contrôle de DRF sur le seul NUL ferait un second message : le nôtre le couvre.
        field.validators = [
            *(v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)),
            validate_no_control_characters,
        ]
