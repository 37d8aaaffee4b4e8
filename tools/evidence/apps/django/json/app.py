import json
import sys

from django.conf import settings
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

settings.configure(DEBUG=True, SECRET_KEY="change-me", ROOT_URLCONF=__name__)
items = []


@csrf_exempt
def item_list(request):
    if request.method == "POST":
        item = {"id": len(items) + 1, "name": json.loads(request.body)["name"]}
        items.append(item)
        return JsonResponse(item, status=201)
    return JsonResponse(items, safe=False)


urlpatterns = [path("items", item_list)]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
