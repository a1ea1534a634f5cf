# SPDX-License-Identifier: GPL-2.0-only
# SIGUSR1 reported, then discarded (handle nopass): only the SIGSEGV handler runs (exit 1)
handle SIGUSR1 nopass
continue
continue
continue
