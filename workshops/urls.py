from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ateliers/<int:pk>/", views.workshop_detail, name="workshop"),
    path("ateliers/<int:pk>/etapes/ajouter/", views.step_edit, name="step_add"),
    path("ateliers/<int:pk>/etapes/<int:step_pk>/", views.step_edit, name="step_edit"),
    path("ateliers/<int:pk>/etapes/<int:step_pk>/deplacer/", views.step_move, name="step_move"),
    path(
        "ateliers/<int:pk>/etapes/<int:step_pk>/supprimer/", views.step_delete, name="step_delete"
    ),
    path("demarches/<slug:slug>/retroplanning/", views.retroplanning, name="retroplanning"),
]
