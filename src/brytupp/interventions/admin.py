"""Django admin for system administrators: the legal grounds and the delegationsordning, the
organisation's own data for decisions (decision 0041). No case content.

Neither is ever deleted, and a row that decisions may already point to keeps what it said:
once saved, only its end (and a ground's label and whether it can be appealed, which apply
to later decisions only: the appeal instructions are copied when a decision is made) can
change. A new provision or a new line of the delegationsordning is a new row.
"""

from django.contrib import admin

from .models import Delegation, LegalGround


@admin.register(LegalGround)
class LegalGroundAdmin(admin.ModelAdmin):
    list_display = ["provision", "law", "label", "valid_from", "valid_to", "appealable"]
    list_filter = ["law", "appealable"]
    search_fields = ["code", "provision", "label"]

    def get_readonly_fields(self, request, obj=None):
        return ["code", "law", "provision", "valid_from"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["unit", "role", "intervention", "may_refuse", "valid_from", "valid_to"]
    list_filter = ["role", "may_refuse", "unit__kind"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["unit", "role", "intervention", "may_refuse", "valid_from"]

    def has_delete_permission(self, request, obj=None):
        return False
