import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .models import Item


@csrf_exempt
def item_list(request):
    if request.method == "POST":
        item = Item.objects.create(name=json.loads(request.body)["name"])
        return JsonResponse({"id": item.id, "name": item.name}, status=201)
    return JsonResponse(list(Item.objects.order_by("id").values("id", "name")), safe=False)
