%% SPDX-License-Identifier: GPL-2.0-only
%% Erlang/OTP on every scheduler (compared with the same OTP release built for x86_64): a ring of
%% processes, messages between schedulers, a parallel map, links and monitors, selective receive and
%% timeouts, ETS written from many processes, binaries and bit syntax, bignums and floats, maps,
%% the compiler and code loading at run time (the JIT compiles the new module), ports running the
%% host's /bin/sh, and gen_server.
-module(wild).
-export([main/0, loop/1]).

section(N) -> io:format("== ~s~n", [N]).

main() ->
    section("schedulers"),
    io:format("schedulers online ~p smp ~p flavor ~p~n",
              [erlang:system_info(schedulers_online), erlang:system_info(smp_support), erlang:system_info(emu_flavor)]),
    ring(1000, 50),
    pmap(),
    links(),
    section("data"),
    ets_test(),
    data(),
    section("code"),
    code_test(),
    section("ports"),
    ports(),
    section("otp"),
    otp(),
    ok.

ring(N, Laps) ->
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, Self, lists:seq(1, N)),
    First ! {token, 0},
    Total = ring_loop(First, Laps, 0),
    io:format("ring of ~p processes, ~p laps: ~p hops~n", [N, Laps, Total]),
    First ! stop.
relay(Next) ->
    receive
        {token, K} -> Next ! {token, K + 1}, relay(Next);
        stop -> Next ! stop
    end.
ring_loop(_First, 0, Acc) -> receive stop -> Acc after 0 -> Acc end;
ring_loop(First, Laps, _Acc) ->
    receive {token, K} ->
        if Laps > 1 -> First ! {token, K}; true -> ok end,
        ring_loop(First, Laps - 1, K)
    end.

pmap() ->
    Self = self(),
    Pids = [spawn_opt(fun() -> Self ! {self(), work(I)} end, [{scheduler, 1 + I rem erlang:system_info(schedulers_online)}])
            || I <- lists:seq(1, 64)],
    Res = [receive {P, R} -> R end || P <- Pids],
    Scheds = lists:usort([S || {_, S} <- Res]),
    io:format("parallel map: sum ~p, ran on ~p scheduler(s) of ~p~n",
              [lists:sum([V || {V, _} <- Res]), length(Scheds), erlang:system_info(schedulers_online)]),
    %% many small messages from many processes
    Ps = [spawn(fun() -> [Self ! {m, I, K} || K <- lists:seq(1, 500)] end) || I <- lists:seq(1, 40)],
    Sum = lists:sum([receive {m, I, K} -> I * K end || _ <- lists:seq(1, 40 * 500)]),
    io:format("20000 messages from ~p processes: ~p~n", [length(Ps), Sum]).
work(I) ->
    V = lists:foldl(fun(X, A) -> (A * 31 + X * I) rem 1000003 end, 0, lists:seq(1, 20000)),
    {V, erlang:system_info(scheduler_id)}.

links() ->
    process_flag(trap_exit, true),
    P = spawn_link(fun() -> exit(boom) end),
    receive {'EXIT', P, R} -> io:format("trapped exit ~p~n", [R]) end,
    {Q, Ref} = spawn_monitor(fun() -> try 1 = list_to_integer("2") catch error:E:St -> exit({E, St}) end end),
    receive {'DOWN', Ref, process, Q, {Reason, _}} -> io:format("monitor saw ~p~n", [element(1, Reason)]) end,
    self() ! second, self() ! first,
    receive first -> ok end, receive second -> ok end,
    T0 = erlang:monotonic_time(millisecond),
    receive never -> ok after 50 -> ok end,
    io:format("selective receive ok, after 50 waited >= 50: ~p~n", [erlang:monotonic_time(millisecond) - T0 >= 50]),
    Tref = erlang:send_after(10, self(), tick),
    receive tick -> io:format("send_after ~p~n", [is_reference(Tref)]) end,
    process_flag(trap_exit, false).

ets_test() ->
    T = ets:new(t, [public, set, {write_concurrency, true}]),
    Self = self(),
    [spawn(fun() -> [ets:update_counter(T, K rem 10, {2, I}, {K rem 10, 0}) || K <- lists:seq(1, 1000)], Self ! done end)
     || I <- lists:seq(1, 16)],
    [receive done -> ok end || _ <- lists:seq(1, 16)],
    io:format("ets counters ~p~n", [lists:sort(ets:tab2list(T))]),
    O = ets:new(o, [ordered_set]),
    ets:insert(O, [{X * 7 rem 101, X} || X <- lists:seq(1, 100)]),
    io:format("ordered_set first ~p last ~p select ~p~n",
              [ets:first(O), ets:last(O), length(ets:select(O, [{{'$1', '_'}, [{'<', '$1', 50}], ['$1']}]))]).

data() ->
    B = << <<(X rem 256):8>> || X <- lists:seq(1, 100000) >>,
    <<A:16, Bb:5, C:11, _/binary>> = B,
    io:format("binary ~p ~p ~p ~p crc ~p md5 ~s~n",
              [byte_size(B), A, Bb, C, erlang:crc32(B), binary:encode_hex(erlang:md5(B))]),
    Z = zlib:compress(B),
    io:format("zlib ~p ~p~n", [byte_size(Z), zlib:uncompress(Z) =:= B]),
    F = fun F(0) -> 1; F(N) -> N * F(N - 1) end,
    io:format("bignum 100! digits ~p, 2^200 ~p, rem ~p~n", [length(integer_to_list(F(100))), 1 bsl 200, F(50) rem 1000000007]),
    io:format("float ~p ~p ~s ~p~n", [math:sqrt(2), math:pi() * 1.0e10, float_to_list(1/3, [{decimals, 15}]), 0.1 + 0.2]),
    M = maps:from_list([{integer_to_binary(K), K * K} || K <- lists:seq(1, 1000)]),
    io:format("maps ~p ~p ~p~n", [map_size(M), maps:get(<<"777">>, M), maps:fold(fun(_, V, Acc) -> V + Acc end, 0, M)]),
    Words = string:lexemes(lists:flatten(lists:duplicate(30, "lorem ipsum dolor sit amet ")), " "),
    io:format("strings ~p ~s ~w~n", [length(Words), string:uppercase("mixed Case"), unicode:characters_to_binary("h\x{e9}llo \x{4e2d}")]),
    io:format("sort ~p~n", [lists:sublist(lists:sort(fun({_, X}, {_, Y}) -> X >= Y end, [{K, K * 7919 rem 1009} || K <- lists:seq(1, 500)]), 3)]),
    io:format("term_to_binary roundtrip ~p size ~p~n", [binary_to_term(term_to_binary({M, B})) =:= {M, B}, byte_size(term_to_binary(lists:seq(1, 300)))]).

code_test() ->
    Src = "-module(gen1).\n-export([f/1]).\nf(X) when is_integer(X) -> {int, X * 3};\nf(L) when is_list(L) -> [f(E) || E <- L];\nf(_) -> other.\n",
    {ok, Toks, _} = erl_scan:string(Src),
    Forms = split_forms(Toks, [], []),
    {ok, gen1, Bin} = compile:forms([begin {ok, Fm} = erl_parse:parse_form(T), Fm end || T <- Forms], []),
    {module, gen1} = code:load_binary(gen1, "gen1.erl", Bin),
    io:format("compiled and loaded at run time: ~p~n", [gen1:f([1, 2, x, [3]])]),
    {ok, E, _} = erl_scan:string("lists:sum([X * X || X <- lists:seq(1, 10)])."),
    {ok, Ex} = erl_parse:parse_exprs(E),
    {value, V, _} = erl_eval:exprs(Ex, []),
    io:format("erl_eval ~p~n", [V]),
    P = spawn(?MODULE, loop, [0]),
    P ! {add, 5}, P ! {add, 7}, P ! {get, self()},
    receive {sum, S} -> io:format("a process of this module ~p~n", [S]) end.
loop(S) ->
    receive {add, N} -> ?MODULE:loop(S + N); {get, From} -> From ! {sum, S} end.
split_forms([], [], Acc) -> lists:reverse(Acc);
split_forms([{dot, _} = D | T], Cur, Acc) -> split_forms(T, [], [lists:reverse([D | Cur]) | Acc]);
split_forms([H | T], Cur, Acc) -> split_forms(T, [H | Cur], Acc).

ports() ->
    io:format("os:cmd ~p~n", [os:cmd("echo hello from sh; echo $((6 * 7))")]),
    Port = open_port({spawn_executable, "/bin/sh"}, [{args, ["-c", "read x; echo got $x; exit 3"]}, exit_status, binary, use_stdio]),
    port_command(Port, <<"line\n">>),
    io:format("port ~p~n", [collect(Port, <<>>)]),
    Ps = [open_port({spawn, "sh -c 'echo port " ++ integer_to_list(I) ++ "'"}, [exit_status]) || I <- lists:seq(1, 8)],
    io:format("8 ports ~p~n", [lists:sort([collect(P, <<>>) || P <- Ps])]).
collect(Port, Acc) ->
    receive
        {Port, {data, D}} -> collect(Port, <<Acc/binary, (iolist_to_binary(D))/binary>>);
        {Port, {exit_status, S}} -> {Acc, S}
    after 20000 -> timeout
    end.

otp() ->
    {ok, _} = application:ensure_all_started(sasl),
    {ok, Pid} = gen_server:start(kv, [], []),
    [gen_server:cast(Pid, {put, K, K * 2}) || K <- lists:seq(1, 100)],
    io:format("gen_server ~p ~p~n", [gen_server:call(Pid, {get, 50}), gen_server:call(Pid, size)]),
    Tasks = [rpc:async_call(node(), lists, seq, [1, N]) || N <- [10, 20, 30]],
    io:format("rpc async ~p~n", [[length(rpc:yield(T)) || T <- Tasks]]).
