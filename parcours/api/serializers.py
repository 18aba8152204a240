from rest_framework import serializers

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
