from django.contrib import admin

from workshops.models import (
    AgendaItem,
    Milestone,
    Organisation,
    Phase,
    Programme,
    Step,
    Track,
    Workshop,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "siret"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "siret"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class TrackInline(admin.TabularInline):
    model = Track
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "territory"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["carriers"]
    inlines = [PhaseInline, TrackInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "order", "status"]
    list_filter = ["programme", "status"]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "date_label", "starts_on", "ends_on", "stage", "status", "track"]
    list_filter = ["programme", "status", "kind", "track"]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ["order", "kind", "title", "agenda_item", "activity"]
    show_change_link = True


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "programme", "starts_at", "venue"]
    list_filter = ["programme"]
    filter_horizontal = ["partners", "facilitators"]
    inlines = [AgendaInline, StepInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "workshop", "order"]


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ["title", "workshop", "order", "kind"]
    list_filter = ["workshop", "kind"]
    search_fields = ["title", "body"]
