import threading


def main():
    lock = threading.RLock()
    s = {"count": 0}
    for _ in range(100000):
        with lock:
            s["count"] = s["count"] + 1
    return float(s["count"])
