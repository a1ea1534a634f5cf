# SPDX-License-Identifier: GPL-2.0-only
# signals reported before delivery, then passed on: both handlers run (exit 11)
continue
bt 1
continue
bt
continue
