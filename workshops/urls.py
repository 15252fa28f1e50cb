from django.urls import path

from workshops import views

# The live app's pages (live.urls) share this namespace ("workshops:control"…): fne92.urls
# includes both lists under it, so no URL name changed when the live pages moved there.
app_name = "workshops"

urlpatterns = [
    # Facilitators: preparing
    path("animation/", views.dashboard, name="dashboard"),
    path("animation/ateliers/<int:pk>/", views.workshop_detail, name="workshop"),
    path("animation/ateliers/<int:pk>/note/", views.preparation_note, name="preparation_note"),
    path("animation/ateliers/<int:pk>/etapes/ajouter/", views.step_edit, name="step_add"),
    path("animation/ateliers/<int:pk>/etapes/<int:step_pk>/", views.step_edit, name="step_edit"),
    path(
        "animation/ateliers/<int:pk>/etapes/<int:step_pk>/deplacer/",
        views.step_move,
        name="step_move",
    ),
    path(
        "animation/ateliers/<int:pk>/etapes/<int:step_pk>/supprimer/",
        views.step_delete,
        name="step_delete",
    ),
    path(
        "animation/ateliers/<int:pk>/etapes/<int:step_pk>/dupliquer/",
        views.step_duplicate,
        name="step_duplicate",
    ),
    path(
        "animation/ateliers/<int:pk>/activites/ajouter/",
        views.activity_kinds,
        name="activity_kinds",
    ),
    path(
        "animation/ateliers/<int:pk>/activites/ajouter/<slug:kind>/",
        views.activity_add,
        name="activity_add",
    ),
    path(
        "animation/ateliers/<int:pk>/etapes/<int:step_pk>/activite/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "animation/ateliers/<int:pk>/dupliquer/",
        views.workshop_duplicate,
        name="workshop_duplicate",
    ),
    path(
        "animation/demarches/<slug:slug>/retroplanning/",
        views.retroplanning,
        name="retroplanning",
    ),
]
