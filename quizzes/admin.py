from django.contrib import admin

from quizzes.models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "prompt"]
