from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    # Facilitators: preparing
    path("animation/", views.dashboard, name="dashboard"),
    path("animation/ateliers/<int:pk>/", views.workshop_detail, name="workshop"),
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
    # Facilitators: running
    path("animation/ateliers/<int:pk>/session/", views.session_start, name="session_start"),
    path("animation/sessions/<int:pk>/regie/", views.control, name="control"),
    path("animation/sessions/<int:pk>/telecommande/", views.remote, name="remote"),
    path("animation/sessions/<int:pk>/presentateur/", views.presenter, name="presenter"),
    path("animation/sessions/<int:pk>/action/", views.control_action, name="control_action"),
    path(
        "animation/sessions/<int:pk>/reponses/<int:response_pk>/masquer/",
        views.control_hide,
        name="control_hide",
    ),
    path(
        "animation/sessions/<int:pk>/reponses/<int:response_pk>/action/",
        views.control_response_action,
        name="control_response_action",
    ),
    path("animation/sessions/<int:pk>/ecran/", views.screen, name="screen"),
    path("animation/sessions/<int:pk>/annuaire/", views.directory, name="directory"),
    path("animation/sessions/<int:pk>/synthese/", views.session_synthesis, name="synthesis"),
    path(
        "animation/sessions/<int:pk>/synthese/compte-rendu.docx",
        views.synthesis_docx,
        name="synthesis_docx",
    ),
    path(
        "animation/sessions/<int:pk>/synthese/reponses.xlsx",
        views.answers_xlsx,
        name="answers_xlsx",
    ),
    path(
        "animation/sessions/<int:pk>/synthese/reponses.csv",
        views.answers_csv,
        name="answers_csv",
    ),
    path(
        "animation/sessions/<int:pk>/synthese/reponses-par-participant.csv",
        views.answers_by_participant_csv,
        name="answers_by_participant_csv",
    ),
    path("ecran/<str:token>/", views.screen_link, name="screen_link"),
    # Participants
    path("rejoindre/", views.join, name="join"),
    path("rejoindre/<str:code>/", views.join_code, name="join_code"),
    path("atelier/<int:pk>/", views.phone, name="phone"),
    path("atelier/<int:pk>/resultats/", views.phone_results, name="phone_results"),
    path("atelier/<int:pk>/repondre/<int:activity_pk>/", views.answer, name="answer"),
]
