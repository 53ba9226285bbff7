"""The OpenAPI schema and the page that shows it."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class ApiSchema(SpectacularAPIView):
    pass


class ApiDocs(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a separate file and no inline style, so the page
    works under a strict Content-Security-Policy. The assets come from drf-spectacular-sidecar
    (SWAGGER_UI_DIST = "SIDECAR"), never from a CDN."""

    template_name = "api/docs.html"
    url_name = "api:schema"
