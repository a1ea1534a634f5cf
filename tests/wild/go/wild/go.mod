// SPDX-License-Identifier: GPL-2.0-only
module xarch.test/wild

go 1.19
