from django.urls import path

from live.views import carry_over, control, cowrite, participants, synthesis

# The participants' pages start with these: fne92.asgi serves them in the thread the live
# sockets share (see HttpHandler there), so a renamed prefix is renamed there too.
JOIN_PREFIX = "rejoindre/"
PHONE_PREFIX = "atelier/"
PARTICIPANT_PREFIXES = (f"/{JOIN_PREFIX}", f"/{PHONE_PREFIX}")

urlpatterns = [
    # Facilitators: running
    path("animation/ateliers/<int:pk>/session/", control.session_start, name="session_start"),
    path("animation/sessions/<int:pk>/regie/", control.control, name="control"),
    path("animation/sessions/<int:pk>/telecommande/", control.remote, name="remote"),
    path("animation/sessions/<int:pk>/presentateur/", control.presenter, name="presenter"),
    path("animation/sessions/<int:pk>/action/", control.control_action, name="control_action"),
    path(
        "animation/sessions/<int:pk>/reponses/<int:response_pk>/masquer/",
        control.control_hide,
        name="control_hide",
    ),
    path(
        "animation/sessions/<int:pk>/reponses/<int:response_pk>/action/",
        control.control_response_action,
        name="control_response_action",
    ),
    path("animation/sessions/<int:pk>/ecran/", control.screen, name="screen"),
    path("ecran/<str:token>/", control.screen_link, name="screen_link"),
    # Across the démarche's workshops
    path(
        "animation/ateliers/<int:pk>/report/",
        carry_over.carry_over_page,
        name="carry_over",
    ),
    path(
        "animation/ateliers/<int:pk>/report/remplir/<int:step_pk>/",
        carry_over.carry_over_fill,
        name="carry_over_fill",
    ),
    path(
        "animation/ateliers/<int:pk>/etapes/<int:step_pk>/comparer/",
        carry_over.compare,
        name="compare",
    ),
    # After (or during) the session
    path("animation/sessions/<int:pk>/annuaire/", synthesis.directory, name="directory"),
    path("animation/sessions/<int:pk>/synthese/", synthesis.session_synthesis, name="synthesis"),
    path(
        "animation/sessions/<int:pk>/synthese/compte-rendu.docx",
        synthesis.synthesis_docx,
        name="synthesis_docx",
    ),
    path(
        "animation/sessions/<int:pk>/synthese/reponses.xlsx",
        synthesis.answers_xlsx,
        name="answers_xlsx",
    ),
    path(
        "animation/sessions/<int:pk>/synthese/reponses.csv",
        synthesis.answers_csv,
        name="answers_csv",
    ),
    path(
        "animation/sessions/<int:pk>/synthese/reponses-par-participant.csv",
        synthesis.answers_by_participant_csv,
        name="answers_by_participant_csv",
    ),
    # Participants
    path(JOIN_PREFIX, participants.join, name="join"),
    path(f"{JOIN_PREFIX}<str:code>/", participants.join_code, name="join_code"),
    path(f"{PHONE_PREFIX}<int:pk>/", participants.phone, name="phone"),
    path(f"{PHONE_PREFIX}<int:pk>/profil/", participants.profile, name="profile"),
    path(f"{PHONE_PREFIX}<int:pk>/resultats/", participants.phone_results, name="phone_results"),
    path(
        f"{PHONE_PREFIX}<int:pk>/repondre/<int:activity_pk>/",
        participants.answer,
        name="answer",
    ),
    # Participants co-writing a project sheet in groups
    path(f"{PHONE_PREFIX}<int:pk>/fiche/", cowrite.cowrite, name="cowrite"),
    path(f"{PHONE_PREFIX}<int:pk>/fiche/ecrire/", cowrite.cowrite_save, name="cowrite_save"),
    path(f"{PHONE_PREFIX}<int:pk>/fiche/groupe/", cowrite.cowrite_move, name="cowrite_move"),
    path(
        f"{PHONE_PREFIX}<int:pk>/fiche/<int:group_pk>/",
        cowrite.cowrite_sheet,
        name="cowrite_sheet",
    ),
    path(
        f"{PHONE_PREFIX}<int:pk>/fiche/<int:group_pk>/reagir/",
        cowrite.cowrite_react,
        name="cowrite_react",
    ),
]
