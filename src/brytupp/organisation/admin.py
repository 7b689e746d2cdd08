"""Django admin for system administrators: the organisation and its users (no case content).

Memberships are edited as a user's inline, but never saved by the admin itself: every added,
changed or deleted membership goes through ``organisation.services``, which makes a proposal
of a role that needs four eyes and logs each change (decision 0017). No form can approve one.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import District, Membership, MembershipStatus, Municipality, Partner, Unit, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "stay_limit_days"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "valid_from", "valid_to", "successor"]
    list_filter = ["municipality"]
    search_fields = ["name", "code"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "district", "valid_to"]
    list_filter = ["kind", "district"]
    search_fields = ["name", "code"]
    filter_horizontal = ["served_districts"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 1
    autocomplete_fields = ["unit"]
    fields = [
        "unit",
        "role",
        "valid_from",
        "valid_to",
        "status",
        "proposed_by",
        "decided_by",
        "refusal_reason",
    ]
    readonly_fields = ["status", "proposed_by", "decided_by", "refusal_reason"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users without Django's own permission flags: access comes from memberships."""

    list_display = ["username", "first_name", "last_name", "is_active", "last_login"]
    list_filter = ["is_active"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # sorts the forms into new, changed and deleted; saves none
        actor, proposed = request.user, 0
        for membership in formset.deleted_objects:
            services.membership_delete(actor=actor, membership=membership)
        for membership, _changed in formset.changed_objects:
            saved = services.membership_change(
                actor=actor, membership_id=membership.pk, **_terms(membership)
            )
            proposed += saved.status == MembershipStatus.PROPOSED
        for membership in formset.new_objects:
            saved = services.membership_propose(
                actor=actor, user=form.instance, **_terms(membership)
            )
            proposed += saved.status == MembershipStatus.PROPOSED
        if proposed:
            messages.warning(
                request,
                _(
                    "A membership with a case role or the administrator's role takes effect "
                    "only when another administrator or the unit's manager approves it."
                ),
            )

    def delete_model(self, request, obj):
        self._memberships_delete(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._memberships_delete(request, queryset)
        super().delete_queryset(request, queryset)

    def _memberships_delete(self, request, users) -> None:
        # Deleting a user deletes their memberships: each is logged as it goes.
        for membership in Membership.objects.filter(user__in=list(users)).select_related(
            "unit", "user"
        ):
            services.membership_delete(actor=request.user, membership=membership)


def _terms(membership: Membership) -> dict:
    return {
        "unit": membership.unit,
        "role": membership.role,
        "valid_from": membership.valid_from,
        "valid_to": membership.valid_to,
    }
