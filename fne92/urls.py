from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import live.urls
import workshops.urls
from fne92 import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("sante/", views.health, name="health"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("espace/", views.landing, name="landing"),
    # Preparing workshops and running them: one namespace ("workshops:…") for both apps' pages.
    path("", include((workshops.urls.urlpatterns + live.urls.urlpatterns, "workshops"))),
    # The roadmap's pages (feuille-de-route/…) and its public call for data (appel-a-donnees/…).
    path("", include("roadmap.urls")),
    # The census of places (recensement/…) and its public form (lieu-de-mediation/…).
    path("", include("census.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "FNE Ateliers — administration"
admin.site.site_title = "FNE Ateliers"
