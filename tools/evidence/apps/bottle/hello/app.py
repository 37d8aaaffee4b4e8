from bottle import Bottle, run

app = Bottle()


@app.get("/")
def hello():
    return "Hello, World!"


if __name__ == "__main__":
    run(app, host="127.0.0.1", port=8080)
