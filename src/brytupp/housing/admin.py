"""Django admin for system administrators: the housing plan's checklist, kept as data
(decision 0046). No case content.

A step is never deleted (plans point to it): a district adds its own steps, replaces a city
step by giving its own the same code, or takes a step out of new plans by making it inactive.
"""

from django.contrib import admin

from .models import HousingStepTemplate


@admin.register(HousingStepTemplate)
class HousingStepTemplateAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "district", "kind", "order", "active"]
    list_filter = ["district", "kind", "active"]
    search_fields = ["code", "label"]

    def get_readonly_fields(self, request, obj=None):
        return ["code", "district", "kind"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False
