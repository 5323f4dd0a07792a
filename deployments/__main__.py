"""``python -m deployments``: serve the deployments, or ``--pool NAAM``: register them on a work pool."""

import sys

from deployments import deploy_to_pool, serve

if len(sys.argv) == 3 and sys.argv[1] == "--pool":
    for deployment_id in deploy_to_pool(sys.argv[2]):
        print(deployment_id)
else:
    serve()
