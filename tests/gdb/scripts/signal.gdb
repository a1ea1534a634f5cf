# signals reported before delivery, then passed on: both handlers run (exit 11)
continue
bt 1
continue
bt
continue
