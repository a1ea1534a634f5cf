# SPDX-License-Identifier: GPL-2.0-only
# Perl in one process, with core modules and fork (compared with qemu-aarch64): List::Util,
# Data::Dumper, Storable, Digest::*, MIME::Base64, JSON::PP, POSIX, Encode, Compress::Zlib,
# File::Temp, regular expressions, sprintf, fork with pipes and wait statuses, signals, ithreads
# with shared variables and Thread::Queue.
use strict;
use warnings;
$| = 1;
sub section { print "== $_[0]\n" }

section("modules");
use List::Util qw(sum max min first reduce shuffle);
use Data::Dumper;
use Storable qw(freeze thaw dclone);
use Digest::MD5 qw(md5_hex);
use Digest::SHA qw(sha256_hex sha512_base64);
use MIME::Base64;
use JSON::PP;
use POSIX qw(floor ceil fmod strftime);
use Encode qw(encode decode);
use Compress::Zlib;
use Time::Local qw(timegm);
my @n = map { $_ * 3 % 101 } 1 .. 1000;
print "list ", join(" ", sum(@n), max(@n), min(@n), first { $_ > 90 } @n), " ", (reduce { $a * $b % 1000003 } 1 .. 500), "\n";
$Data::Dumper::Sortkeys = 1; $Data::Dumper::Indent = 1;
my $s = { name => "x", list => [1, [2, 3], { k => "v" }], num => 1.5 };
print Dumper($s);
my $c = thaw(freeze($s));
print "storable ", $c->{list}[1][1], " ", dclone($s)->{list}[2]{k}, "\n";
my $data = join("", map { chr($_ % 256) x ($_ % 13) } 1 .. 20000);
print "digests ", md5_hex($data), " ", sha256_hex($data), " ", substr(sha512_base64($data), 0, 20), "\n";
print "base64 ", encode_base64(substr($data, 0, 40), ""), "\n";
my $json = JSON::PP->new->canonical;
my $j = $json->encode({ a => [1, 2.5, "s"], b => { c => JSON::PP::true, d => undef }, u => "\x{4e2d}" });
print "json ", encode("UTF-8", $j), " ", $json->decode($j)->{a}[1], "\n";
print "posix ", floor(-2.5), " ", ceil(2.1), " ", fmod(10, 3), " ", strftime("%Y-%m-%d %H:%M:%S", gmtime(1700000000)), " ", timegm(0, 0, 0, 1, 0, 2000), "\n";
my $u = decode("UTF-8", "h\xc3\xa9llo \xe4\xb8\xad");
print "encode ", length($u), " ", join(",", map { ord } split //, $u), "\n";
my $z = compress($data);
print "zlib ", length($z), " ", (uncompress($z) eq $data ? "roundtrip" : "BAD"), " crc32 ", crc32($data), "\n";
printf "sprintf %.10f %e %x %o %b %s %5.2f%%\n", atan2(1, 1) * 4, 6.02e23, 255, 8, 10, "str", 99.5;
my $text = "The quick brown fox jumps over the lazy dog " x 50;
my %w; $w{lc $1}++ while $text =~ /(\w+)/g;
(my $t2 = $text) =~ s/(\w)(\w*)/\U$1\E$2/g;
print "regex ", join(",", map { "$_=$w{$_}" } sort keys %w), " ", substr($t2, 0, 20), "\n";
my @sorted = sort { $a->[1] <=> $b->[1] or $a->[0] cmp $b->[0] } map { [$_, length $_] } qw(pear fig apple kiwi banana date);
print "sort ", join(" ", map { $_->[0] } @sorted), "\n";
print "bigint ", 2**53 + 1, " ", 9007199254740993, " ", 0xffffffff * 0xffffffff, "\n";

section("fork and pipes");
pipe(my $r, my $w) or die;
my @kids;
for my $i (1 .. 5) {
    my $pid = fork();
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        close $r;
        print $w "child $i sum ", sum(1 .. $i * 100), "\n";
        close $w;
        exit $i;
    }
    push @kids, $pid;
}
close $w;
my @lines = sort <$r>;
print @lines;
my $codes = 0;
for my $pid (@kids) { waitpid($pid, 0); $codes += $? >> 8; }
print "exit codes sum $codes\n";
my $pid = open(my $fh, "-|") // die;
if ($pid == 0) { print "from a forked open\n" for 1 .. 3; exit 0 }
my @got = <$fh>; close $fh;
print "open -| ", scalar(@got), " lines, status $?\n";
$pid = fork();
if ($pid == 0) { sleep 30; exit 0 }
kill "TERM", $pid; waitpid($pid, 0);
print "killed child signal ", $? & 127, "\n";

section("signals");
my $hits = 0;
local $SIG{USR1} = sub { $hits++ };
kill "USR1", $$ for 1 .. 3;
print "usr1 handled $hits\n";
my $alarm = eval { local $SIG{ALRM} = sub { die "alarm\n" }; alarm 1; select(undef, undef, undef, 20); alarm 0; "none" } // $@;
print "alarm: $alarm";

section("threads");
use threads;
use threads::shared;
use Thread::Queue;
my $counter :shared = 0;
my @thr = map { threads->create(sub { my $id = shift; for (1 .. 1000) { lock($counter); $counter++ } return $id * 10 }, $_) } 1 .. 4;
print "joined ", join(",", map { $_->join } @thr), " counter $counter\n";
my $q = Thread::Queue->new;
my $cons = threads->create(sub { my $s = 0; while (defined(my $v = $q->dequeue)) { $s += $v } return $s });
$q->enqueue($_) for 1 .. 500;
$q->end;
print "queue sum ", $cons->join, "\n";
