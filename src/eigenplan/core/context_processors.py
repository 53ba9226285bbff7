from django.conf import settings


def eigenplan(request):
    return {
        "municipality_name": settings.MUNICIPALITY_NAME,
        "demo_mode": settings.DEMO_MODE,
    }
