"""The roadmap in Django's admin (superusers only): for repairs, not for everyday editing."""

from django.contrib import admin

from roadmap.models import (
    Axis,
    Committee,
    DataSubmission,
    Member,
    ProjectSheet,
    Roadmap,
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


admin.site.register(Committee)
admin.site.register(Axis)


@admin.register(ProjectSheet)
class ProjectSheetAdmin(admin.ModelAdmin):
    list_display = ["title", "roadmap", "number", "status", "revision"]
    list_filter = ["status"]


@admin.register(DataSubmission)
class DataSubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "roadmap", "category", "status", "submitted_at"]
    list_filter = ["status", "category"]
    exclude = ["file"]  # files are served by the roadmap's own view, to its editors only


@admin.register(SheetRevision)
class SheetRevisionAdmin(admin.ModelAdmin):
    list_display = ["sheet", "number", "author", "created_at"]
    readonly_fields = ["sheet", "number", "author", "created_at", "snapshot"]
