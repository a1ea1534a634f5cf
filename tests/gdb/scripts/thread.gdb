# SPDX-License-Identifier: GPL-2.0-only
# two workers and main: stops in each worker, the thread list, exit
break worker_bp
continue
bt
print id
info threads
continue
bt
print id
info threads
delete
continue
