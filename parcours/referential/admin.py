from django.contrib import admin

from parcours import adminkit
from parcours.referential.models import Department, MissionLocale, Region, Site


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]


@admin.register(MissionLocale)
class MissionLocaleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "department", "merged_into", "merged_on"]
    list_filter = ["department__region"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["merged_into"]
    inlines = [adminkit.inline(Site)]
