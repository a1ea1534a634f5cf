%% SPDX-License-Identifier: GPL-2.0-only
-module(kv).
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2]).
init([]) -> {ok, #{}}.
handle_call({get, K}, _From, M) -> {reply, maps:get(K, M, none), M};
handle_call(size, _From, M) -> {reply, map_size(M), M}.
handle_cast({put, K, V}, M) -> {noreply, M#{K => V}}.
