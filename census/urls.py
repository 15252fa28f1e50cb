from django.urls import path

from census import views

app_name = "census"

CENSUS = "recensement/<int:pk>/"

urlpatterns = [
    path("recensement/demarche/<int:programme_pk>/", views.for_programme, name="for_programme"),
    path(CENSUS, views.detail, name="detail"),
    path(CENSUS + "couverture/", views.coverage, name="coverage"),
    path(CENSUS + "import/", views.import_file, name="import"),
    path(CENSUS + "import/<int:batch_pk>/", views.import_preview, name="import_preview"),
    path(CENSUS + "export/lieux.<str:suffix>", views.export, name="export"),
    path(CENSUS + "lieux/<int:place_pk>/", views.place_edit, name="place_edit"),
    path(CENSUS + "declarations/", views.declarations, name="declarations"),
    path(
        CENSUS + "declarations/<int:submission_pk>/examen/",
        views.declaration_review,
        name="declaration_review",
    ),
    # The public form for structures (no account).
    path("lieu-de-mediation/<uuid:token>/", views.declare, name="declare"),
    path("lieu-de-mediation/<uuid:token>/merci/", views.declare_thanks, name="declare_thanks"),
]
