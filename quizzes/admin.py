from django.contrib import admin

from quizzes.models import Activity, ActivityRun, Response


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "prompt"]


@admin.register(ActivityRun)
class ActivityRunAdmin(admin.ModelAdmin):
    list_display = ["activity", "session", "is_open", "show_results", "is_revealed"]
    list_filter = ["is_open", "is_revealed"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["activity", "participant", "session", "hidden", "updated_at"]
    list_filter = ["activity__kind", "hidden"]
    readonly_fields = ["client_id", "created_at", "updated_at"]
