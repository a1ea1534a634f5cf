// SPDX-License-Identifier: GPL-2.0-only
module xarch.test/cgo

go 1.19
