# over TCP: a breakpoint, then the exit
break add
continue
delete
continue
