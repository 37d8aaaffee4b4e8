import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

items = []


@csrf_exempt
def item_list(request):
    if request.method == "POST":
        item = {"id": len(items) + 1, "name": json.loads(request.body)["name"]}
        items.append(item)
        return JsonResponse(item, status=201)
    return JsonResponse(items, safe=False)
