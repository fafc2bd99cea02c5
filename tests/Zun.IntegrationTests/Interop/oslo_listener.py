"""An unmodified oslo.messaging notification listener, as an OpenStack service runs one.

usage: oslo_listener.py TRANSPORT_URL EXCHANGE
Prints READY once listening, then one JSON line per notification received.
"""
import json
import sys
import time

from oslo_config import cfg
import oslo_messaging

url, exchange = sys.argv[1], sys.argv[2]
conf = cfg.ConfigOpts()
conf([], project="zun-interop-test")
transport = oslo_messaging.get_notification_transport(conf, url=url)
targets = [oslo_messaging.Target(topic="notifications", exchange=exchange)]


class Endpoint:
    def _emit(self, priority, ctxt, publisher_id, event_type, payload, metadata):
        print(json.dumps({
            "priority": priority,
            "publisher_id": publisher_id,
            "event_type": event_type,
            "payload": payload,
            "message_id": metadata.get("message_id"),
            "timestamp": metadata.get("timestamp"),
        }), flush=True)

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self._emit("INFO", ctxt, publisher_id, event_type, payload, metadata)

    def error(self, ctxt, publisher_id, event_type, payload, metadata):
        self._emit("ERROR", ctxt, publisher_id, event_type, payload, metadata)


listener = oslo_messaging.get_notification_listener(transport, targets, [Endpoint()], executor="threading")
listener.start()
print("READY", flush=True)
while True:
    time.sleep(1)
