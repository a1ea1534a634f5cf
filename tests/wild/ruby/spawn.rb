# SPDX-License-Identifier: GPL-2.0-only
# Ruby starting Ruby (the arm64 interpreter again, RbConfig.ruby, never through a shell: with -L the
# host's /bin/sh would not find the root's ruby): system, backticks, IO.popen,
# Process.spawn with redirections, Open3, exec in a fork. qemu-aarch64 cannot follow these execs;
# the output is fixed and compared with tests/wild/ruby/spawn.expected.
$stdout.sync = true
require "rbconfig"
require "open3"
rb = RbConfig.ruby
puts "== spawn"
system(rb, "-e", "exit 7")
puts "system status #{$?.exitstatus}"
puts "backticks (no shell) #{`#{rb} -v`[0, 8]} #{$?.exitstatus}"
out = IO.popen([rb, "-e", "4.times { |i| puts %Q(row \#{i}) }"], &:readlines)
puts "popen read #{out.size} #{out.last.chomp}"
res = IO.popen([rb, "-ne", "print $_.reverse"], "r+") { |p| p.write("abc\nxyz\n"); p.close_write; p.read }
puts "popen r+ #{res.split.inspect}"
o, e, st = Open3.capture3(rb, "-e", "$stderr.puts 'to err'; puts STDIN.read.upcase; exit 4", stdin_data: "in data")
puts "open3 #{o.chomp} #{e.chomp} #{st.exitstatus}"
r, w = IO.pipe
pid = Process.spawn({ "XV" => "env-ok" }, rb, "-e", "puts ENV['XV'] + ' ' + Dir.pwd", out: w, chdir: "/")
w.close
Process.wait(pid)
puts "spawn env chdir: #{r.read.chomp} #{$?.exitstatus}"
pid = fork { exec(rb, "-e", "puts 'exec in a fork'; exit 5") }
Process.wait(pid)
puts "fork+exec #{$?.exitstatus}"
kids = 4.times.map { |i| Process.spawn(rb, "-e", "exit #{i + 10}") }
puts "parallel spawns #{kids.map { |k| Process.wait2(k)[1].exitstatus }.sort.inspect}"
th = 3.times.map { |i| Thread.new { IO.popen([rb, "-e", "print #{i} * 11"], &:read) } }
puts "spawns from threads #{th.map(&:value).inspect}"
