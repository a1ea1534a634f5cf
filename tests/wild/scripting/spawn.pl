# SPDX-License-Identifier: GPL-2.0-only
# Perl starting other programs (compared with the native x86_64 run): system, backticks,
# exec'ing pipes, IPC::Open2/Open3 with $^X, exit statuses.
use strict;
use warnings;
use IPC::Open2;
use IPC::Open3;
use Symbol qw(gensym);
$| = 1;
print "== spawn\n";
my $rc = system($^X, "-e", "exit 7");
print "system status ", $rc >> 8, "\n";
my $out = `$^X -le 'print for 1..3'`;
print "backticks ", join(",", split /\n/, $out), " status $?\n";
open(my $p, "-|", $^X, "-e", 'print "row $_\n" for 1 .. 4') // die;
my @rows = <$p>;
close $p;
print "open -| ", scalar(@rows), " rows, last $rows[-1]";
open($p, "|-", $^X, "-ne", 'print "got: $_"') or die;
print $p "line $_\n" for 1 .. 3;
close $p;
my $pid = open2(my $rd, my $wr, $^X, "-ne", 'chomp; print scalar(reverse $_), "\n"');
print $wr "hello\nworld\n"; close $wr;
my @r = <$rd>; waitpid($pid, 0);
print "open2 ", join("", @r);
my $err = gensym;
$pid = open3(my $in, my $o, $err, $^X, "-e", 'while (<STDIN>) { print "out $_"; print STDERR "err $_" } exit 3');
print $in "a\nb\n"; close $in;
my @o = <$o>; my @e = <$err>; waitpid($pid, 0);
print "open3 out=", scalar(@o), " err=", scalar(@e), " $o[1]", "status ", $? >> 8, "\n";
$pid = eval { open3(my $i2, my $o2, undef, "/nonexistent/program") };
print "open3 missing: ", ($@ ? "died" : "pid"), "\n";
print "exec in a child: ";
$pid = fork();
if ($pid == 0) { exec($^X, "-e", 'print "exec ok\n"; exit 4') or exit 99 }
waitpid($pid, 0);
print "status ", $? >> 8, "\n";
