import json
import os
import sqlite3
import sys
from contextlib import closing

from django.conf import settings
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

settings.configure(DEBUG=True, SECRET_KEY="change-me", ROOT_URLCONF=__name__)
DATABASE = os.environ.get("ITEMS_DB", "items.db")


def connect():
    db = sqlite3.connect(DATABASE, isolation_level=None)
    db.row_factory = sqlite3.Row
    return closing(db)


with connect() as db:
    db.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")


@csrf_exempt
def item_list(request):
    with connect() as db:
        if request.method == "POST":
            name = json.loads(request.body)["name"]
            cursor = db.execute("INSERT INTO items (name) VALUES (?)", (name,))
            return JsonResponse({"id": cursor.lastrowid, "name": name}, status=201)
        rows = db.execute("SELECT id, name FROM items ORDER BY id")
        return JsonResponse([dict(row) for row in rows], safe=False)


urlpatterns = [path("items", item_list)]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
