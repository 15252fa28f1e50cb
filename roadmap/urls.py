from django.urls import path

from roadmap import public_views, views

app_name = "roadmap"

ROADMAP = "feuille-de-route/<int:pk>/"
SHEET = ROADMAP + "fiches/<int:sheet_pk>/"

urlpatterns = [
    path("feuille-de-route/", views.roadmap_list, name="list"),
    path("feuille-de-route/nouvelle/", views.roadmap_create, name="create"),
    path(ROADMAP, views.roadmap_detail, name="detail"),
    path(ROADMAP + "modifier/", views.roadmap_edit, name="edit"),
    path(ROADMAP + "statut/", views.roadmap_status, name="status"),
    path(ROADMAP + "nouvelle-version/", views.roadmap_new_version, name="new_version"),
    path(ROADMAP + "editeurs/", views.roadmap_editors, name="editors"),
    # Governance
    path(ROADMAP + "gouvernance/", views.governance, name="governance"),
    path(ROADMAP + "gouvernance/membres/ajouter/", views.member_edit, name="member_add"),
    path(ROADMAP + "gouvernance/membres/<int:member_pk>/", views.member_edit, name="member_edit"),
    path(
        ROADMAP + "gouvernance/membres/<int:member_pk>/supprimer/",
        views.member_delete,
        name="member_delete",
    ),
    path(ROADMAP + "gouvernance/comites/ajouter/", views.committee_edit, name="committee_add"),
    path(
        ROADMAP + "gouvernance/comites/<int:committee_pk>/",
        views.committee_edit,
        name="committee_edit",
    ),
    path(
        ROADMAP + "gouvernance/comites/<int:committee_pk>/supprimer/",
        views.committee_delete,
        name="committee_delete",
    ),
    # Axes and sheets
    path(ROADMAP + "axes/ajouter/", views.axis_edit, name="axis_add"),
    path(ROADMAP + "axes/<int:axis_pk>/", views.axis_edit, name="axis_edit"),
    path(ROADMAP + "axes/<int:axis_pk>/supprimer/", views.axis_delete, name="axis_delete"),
    path(ROADMAP + "fiches/ajouter/", views.sheet_edit, name="sheet_add"),
    path(ROADMAP + "fiches/apercu/", views.sheet_preview, name="sheet_preview"),
    path(ROADMAP + "fiches/ligne/<str:formset>/", views.sheet_row, name="sheet_row"),
    path(SHEET, views.sheet_detail, name="sheet"),
    path(SHEET + "modifier/", views.sheet_edit, name="sheet_edit"),
    path(SHEET + "apercu/", views.sheet_preview, name="sheet_preview"),
    path(SHEET + "historique/", views.sheet_history_view, name="sheet_history"),
    path(SHEET + "supprimer/", views.sheet_delete, name="sheet_delete"),
    path(SHEET + "indicateurs/ajouter/", views.indicator_edit, name="indicator_add"),
    path(SHEET + "indicateurs/<int:indicator_pk>/", views.indicator_edit, name="indicator_edit"),
    path(
        SHEET + "indicateurs/<int:indicator_pk>/supprimer/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    # Roll-ups and exports
    path(ROADMAP + "chiffrage/", views.costing_rollup, name="costing"),
    path(ROADMAP + "indicateurs/", views.indicators_rollup, name="indicators"),
    path(ROADMAP + "impression/", views.print_view, name="print"),
    path(ROADMAP + "export/feuille-de-route.docx", views.export_docx, name="export_docx"),
    path(ROADMAP + "export/chiffrage.xlsx", views.export_xlsx, name="export_xlsx"),
    # Call for analysis data
    path(ROADMAP + "ateliers/", views.from_workshops, name="from_workshops"),
    path(ROADMAP + "demarche/", views.demarche_page, name="demarche"),
    path(ROADMAP + "demarche/compte-rendu.docx", views.demarche_docx, name="demarche_docx"),
    path(ROADMAP + "ateliers/creer/", views.from_workshops_create, name="from_workshops_create"),
    path(
        ROADMAP + "ateliers/fiches-co-redigees/",
        views.from_workshops_cowritten,
        name="from_workshops_cowritten",
    ),
    path(ROADMAP + "documents/", views.documents, name="documents"),
    path(ROADMAP + "documents/<int:doc_pk>/examen/", views.document_review, name="document_review"),
    path(ROADMAP + "documents/<int:doc_pk>/fichier/", views.document_file, name="document_file"),
    path("appel-a-donnees/<uuid:token>/", public_views.data_call, name="data_call"),
    path(
        "appel-a-donnees/<uuid:token>/merci/",
        public_views.data_call_thanks,
        name="data_call_thanks",
    ),
]
