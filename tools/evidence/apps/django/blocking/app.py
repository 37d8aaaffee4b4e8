import sys
import time

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(DEBUG=True, SECRET_KEY="change-me", ROOT_URLCONF=__name__)


def slow(request):
    time.sleep(0.2)
    return HttpResponse("done")


urlpatterns = [path("", slow)]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
