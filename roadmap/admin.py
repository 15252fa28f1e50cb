"""The roadmap in Django's admin (superusers only): for repairs, not for everyday editing."""

from django.contrib import admin
from django.db import models

from roadmap.models import (
    Axis,
    Beneficiary,
    Committee,
    CostLine,
    DataSubmission,
    FundingLine,
    Indicator,
    IndicatorTarget,
    Meeting,
    Member,
    ProjectSheet,
    Roadmap,
    Seat,
    SheetMilestone,
    SheetRevision,
)


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "status", "territory", "programme"]
    list_filter = ["status"]
    filter_horizontal = ["editors"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["organisation", "roadmap", "status"]
    list_select_related = ["organisation", "roadmap"]


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    inlines = [SeatInline, MeetingInline]


admin.site.register(Axis)
admin.site.register(Seat)
admin.site.register(Meeting)


class CostLineInline(admin.TabularInline):
    model = CostLine
    extra = 0


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 0


class BeneficiaryInline(admin.TabularInline):
    model = Beneficiary
    extra = 0


class SheetMilestoneInline(admin.TabularInline):
    model = SheetMilestone
    extra = 0


@admin.register(ProjectSheet)
class ProjectSheetAdmin(admin.ModelAdmin):
    list_display = ["title", "roadmap", "number", "status", "revision"]
    list_filter = ["status"]
    inlines = [CostLineInline, FundingLineInline, BeneficiaryInline, SheetMilestoneInline]


for model in (CostLine, FundingLine, Beneficiary, SheetMilestone):
    admin.site.register(model)


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    inlines = [IndicatorTargetInline]


admin.site.register(IndicatorTarget)


@admin.register(DataSubmission)
class DataSubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "roadmap", "category", "status", "submitted_at"]
    list_filter = ["status", "category"]
    exclude = ["file"]  # files are served by the roadmap's own view, to its editors only
    # A link typed without a scheme is https, as in the public data-call form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(SheetRevision)
class SheetRevisionAdmin(admin.ModelAdmin):
    list_display = ["sheet", "number", "author", "created_at"]
    readonly_fields = ["sheet", "number", "author", "created_at", "snapshot"]
