# SPDX-License-Identifier: GPL-2.0-only
# Ruby in one process (compared with qemu-aarch64): threads with Mutex, ConditionVariable and
# Queue, fibers and enumerators, the stdlib (json, set, digest, zlib, bigdecimal, time, stringio,
# socket on loopback TCP), fork with pipes and statuses, Process.spawn of the host's /bin/sh (a
# native program: qemu and the emulator both hand it to the kernel), signals.
$stdout.sync = true
def section(n) = puts("== #{n}")

section "threads"
m = Mutex.new
total = 0
ths = 8.times.map { |i| Thread.new { 20_000.times { m.synchronize { total += i } } } }
ths.each(&:join)
puts "mutex total #{total}"
q = Queue.new
done = Queue.new
consumers = 4.times.map { Thread.new { s = 0; while (v = q.pop) != :stop; s += v; end; done << s } }
producers = 3.times.map { |p| Thread.new { 1.upto(5000) { |k| q << k * (p + 1) } } }
producers.each(&:join)
4.times { q << :stop }
consumers.each(&:join)
puts "queue sum #{4.times.sum { done.pop }}"
cv = ConditionVariable.new
ready = 0
go = false
ws = 5.times.map { Thread.new { m.synchronize { ready += 1; cv.wait(m) until go; :woken } } }
Thread.pass until m.synchronize { ready } == 5
m.synchronize { go = true; cv.broadcast }
puts "condvar #{ws.map(&:value).tally}"
t = Thread.new { Thread.current.report_on_exception = false; Thread.current[:x] = 42; Thread.stop; raise ArgumentError, "from thread" }
Thread.pass until t.status == "sleep"
puts "thread-local #{t[:x]} status #{t.status}"
t.run
begin
  t.join
rescue ArgumentError => e
  puts "exception crossed join: #{e.message}"
end
sq = SizedQueue.new(2)
pr = Thread.new { 10.times { |i| sq << i }; sq.close }
got = []
while (v = sq.pop); got << v; end
pr.join
puts "sized queue #{got.inspect}"
r = Thread.new { sleep 10 }
sleep 0.05
r.kill.join
puts "killed thread status #{r.status.inspect}"

section "fibers"
f = Fiber.new do |a|
  b = Fiber.yield(a * 2)
  c = Fiber.yield(a + b)
  "done #{a} #{b} #{c}"
end
puts [f.resume(5), f.resume(7), f.resume(9), f.alive?].inspect
fib = Enumerator.new { |y| a, b = 0, 1; loop { y << a; a, b = b, a + b } }
puts "enumerator #{fib.take(15).join(' ')} #{fib.lazy.select(&:even?).first(6).inspect}"
e = [1, 2, 3].each
puts "external #{e.next} #{e.next} #{e.next} #{(e.next rescue 'stop')}"
deep = 1000.times.map { |i| Fiber.new { Fiber.yield i; i * 2 } }
puts "1000 fibers #{deep.sum(&:resume)} #{deep.sum(&:resume)}"
def rec(n) = n.zero? ? 0 : 1 + rec(n - 1)
puts "deep recursion in a fiber #{Fiber.new { rec(500) }.resume}"

section "stdlib"
require "json"
require "set"
require "digest"
require "zlib"
require "bigdecimal"
require "time"
require "stringio"
require "securerandom"
h = { "name" => "xarch", "list" => [1, 2.5, nil, true, "s\u4e2d"], "nested" => { "k" => [{}, []] } }
js = JSON.generate(h)
puts "json #{js} #{JSON.parse(js) == h}"
puts JSON.pretty_generate({ "a" => [1, { "b" => nil }] })
s1 = Set[3, 1, 4, 1, 5, 9, 2, 6]
s2 = (1..5).to_set
puts "set #{(s1 & s2).sort.inspect} #{(s1 | s2).size} #{(s1 - s2).sort.inspect} #{s2.subset?(s1)}"
data = (1..20_000).map { |i| (i % 251).chr * (i % 7) }.join
puts "digest #{Digest::MD5.hexdigest(data)} #{Digest::SHA256.hexdigest(data)[0, 32]} #{Digest::SHA512.base64digest(data)[0, 20]}"
z = Zlib::Deflate.deflate(data, 9)
puts "zlib #{z.bytesize} #{Zlib::Inflate.inflate(z) == data} crc #{Zlib.crc32(data)}"
puts "bigdecimal #{(BigDecimal("1") / 7).round(40).to_s} #{(BigDecimal("0.1") * 3 == BigDecimal("0.3"))}"
puts "bignum #{2**200} #{(3**150).to_s(36)} #{100.downto(1).reduce(:*).digits.sum}"
puts "float #{Math.sqrt(2)} #{Math::PI.round(10)} #{1e300 * 1e10} #{(0.1 + 0.2).to_r} #{Rational(3, 7) + Rational(2, 9)} #{Complex(1, 2) * Complex(3, -1)}"
puts "time #{Time.at(1_700_000_000).utc.iso8601} #{Time.parse('2024-02-29 12:34:56 UTC').to_i} #{Time.utc(2000, 1, 1).strftime('%A %j')}"
io = StringIO.new
io.printf("%05.1f|%-6s|%x|%o|%e\n", 3.14159, "ab", 255, 8, 12345.678)
puts "format #{io.string}"
puts "regexp #{'The quick brown fox'.scan(/\b\w/).join} #{'2024-01-02'.match(/(?<y>\d+)-(?<m>\d+)/)[:m]} #{'aaa bbb'.gsub(/(\w)\1+/) { $&.upcase }}"
words = ("lorem ipsum dolor sit amet consectetur " * 40).split
puts "tally #{words.tally.sort.to_h} #{words.group_by(&:size).transform_values(&:size).sort.inspect}"
puts "string #{'héllo wörld'.encode('UTF-16LE').bytesize} #{'ß'.upcase} #{'%.3s' % 'abcdef'} #{'abc'.unpack1('H*')} #{[1, 2, 65535].pack('Cnv').bytes.inspect}"
puts "securerandom #{SecureRandom.hex(8).size} #{SecureRandom.uuid =~ /\A\h{8}-\h{4}-4\h{3}-[89ab]\h{3}-\h{12}\z/ ? 'uuid' : 'bad'}"
Point = Struct.new(:x, :y) { def dist = Math.hypot(x, y) }
puts "struct #{Point.new(3, 4).dist} #{Point.new(1, 2).to_a.inspect} #{[Point.new(2, 1), Point.new(1, 1)].min_by(&:dist)}"
puts "gc #{GC.start.inspect} #{ObjectSpace.count_objects[:TOTAL] > 1000}"

section "socket"
require "socket"
srv = TCPServer.new("127.0.0.1", 0)
port = srv.addr[1]
st = Thread.new do
  3.times.map do
    c = srv.accept
    Thread.new(c) do |cc|
      n = 0
      while (line = cc.gets)
        cc.write(line.upcase)
        n += 1
      end
      cc.close
      n
    end
  end.map(&:value)
end
replies = 3.times.map do |k|
  Thread.new do
    s = TCPSocket.new("127.0.0.1", port)
    out = 50.times.map { |i| s.write("client #{k} line #{i}\n"); s.gets }
    s.close_write
    s.close
    out.last.chomp
  end
end.map(&:value)
puts "echo #{replies.inspect} lines #{st.value.sum}"
a, b = UNIXSocket.pair
a.send("datagram-ish", 0)
puts "unix pair #{b.recv(100)}"
big = "x" * 1_000_000
w = Thread.new { a.write(big); a.close }
puts "unix pair 1MB #{b.read.size}"
w.join
r, wr = IO.pipe
sel = IO.select([r], nil, nil, 0.01)
wr.write("ready")
puts "select #{sel.inspect} #{IO.select([r], nil, nil, 1)[0].size} #{r.read_nonblock(10)}"

section "processes"
rd, wr = IO.pipe
pids = 5.times.map do |i|
  fork do
    rd.close
    wr.puts "child #{i} sum #{(1..(i + 1) * 100).sum}"
    exit! i
  end
end
wr.close
puts rd.readlines.sort
puts "statuses #{pids.map { |p| Process.wait2(p)[1].exitstatus }.inspect}"
pid = fork { sleep 30 }
Process.kill(:TERM, pid)
_, st = Process.wait2(pid)
puts "killed child #{st.signaled?} #{Signal.signame(st.termsig)}"
o, i = IO.pipe
pid = Process.spawn("/bin/sh", "-c", "echo spawned $0 $1; exit 3", "zero", "one", out: i)
i.close
_, st = Process.wait2(pid)
puts "spawn /bin/sh: #{o.read.chomp} status #{st.exitstatus}"
puts "backticks #{`/bin/sh -c 'echo $((6 * 7))'`.chomp} #{$?.exitstatus}"

section "signals"
hits = []
Signal.trap("USR1") { hits << :usr1 }
Signal.trap("USR2") { hits << :usr2 }
[:USR1, :USR1, :USR2, :USR1].each_with_index do |sig, k|
  Process.kill(sig, Process.pid)
  sleep 0.01 until hits.size > k
end
puts "handled #{hits.tally.inspect}"
require "timeout"
begin
  Timeout.timeout(0.2) { sleep 5 }
rescue Timeout::Error => e
  puts "timeout #{e.class}"
end
puts "at_exit follows"
at_exit { puts "at_exit ran" }
