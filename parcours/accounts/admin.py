from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from parcours.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "mission_locale", "region", "is_active"]
    list_filter = ["role", "is_active", "mission_locale__department__region"]
    autocomplete_fields = ["mission_locale"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Rattachement", {"fields": ["role", "mission_locale", "region"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        ("Rattachement", {"fields": ["role", "mission_locale", "region"]}),
    ]
