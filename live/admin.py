from django.contrib import admin

from live.models import ActivityRun, LiveSession, Participant, Response


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["number", "pseudonym", "structure", "joined_at", "last_seen_at", "left_at"]
    readonly_fields = ["joined_at", "last_seen_at", "left_at"]


@admin.register(LiveSession)
class LiveSessionAdmin(admin.ModelAdmin):
    list_display = ["workshop", "code", "started_at", "ended_at", "current_step"]
    list_filter = ["workshop"]
    readonly_fields = ["screen_token", "started_at"]
    inlines = [ParticipantInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "session", "structure", "joined_at"]
    list_filter = ["session__workshop"]
    search_fields = ["pseudonym", "structure"]


@admin.register(ActivityRun)
class ActivityRunAdmin(admin.ModelAdmin):
    list_display = ["activity", "session", "is_open", "show_results", "is_revealed"]
    list_filter = ["is_open", "is_revealed"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["activity", "participant", "session", "hidden", "updated_at"]
    list_filter = ["activity__kind", "hidden"]
    readonly_fields = ["client_id", "created_at", "updated_at"]
