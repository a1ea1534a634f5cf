// SPDX-License-Identifier: GPL-2.0-only
// musl's dynamic loader: dlopen of a library by path, dlsym of functions and data, its
// thread-local variable seen from threads created before and after the load, dlerror, and
// symbols resolved through RTLD_DEFAULT.
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int (*bump)(int);
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int loaded;

static void *early(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	while (!loaded)
		pthread_cond_wait(&cv, &m);
	pthread_mutex_unlock(&m);
	int a = bump(1);
	int b = bump(2);
	return (void *)(long)(a * 1000 + b);
}

static void *late(void *arg) { return (void *)(long)bump((int)(long)arg); }

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	void *h = dlopen("/nonexistent/libnope.so", RTLD_NOW);
	printf("dlopen missing: %s error=%d\n", h ? "handle" : "NULL", dlerror() != NULL);

	pthread_t e;
	pthread_create(&e, NULL, early, NULL);
	h = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
	if (!h) {
		printf("dlopen: %s\n", dlerror());
		return 1;
	}
	int (*inited)(void) = (int (*)(void))dlsym(h, "lib_inited");
	int (*fmt)(char *, int, double) = (int (*)(char *, int, double))dlsym(h, "lib_format");
	int *data = dlsym(h, "lib_data");
	bump = (int (*)(int))dlsym(h, "lib_bump");
	void *nope = dlsym(h, "no_such_symbol");
	const char *err = dlerror();
	printf("dlsym: constructor=%d data=%d,%d missing=%s error=%d\n", inited(), data[0], data[3], nope ? "found" : "NULL",
	       err != NULL);
	char buf[32];
	fmt(buf, sizeof buf, 2.0 / 3);
	printf("call: %s\n", buf);
	printf("main tls: %d %d\n", bump(5), bump(5));
	pthread_mutex_lock(&m);
	loaded = 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&m);
	void *r;
	pthread_join(e, &r);
	printf("thread created before dlopen: %ld\n", (long)r);
	pthread_t t[4];
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, late, (void *)i);
	printf("threads created after:");
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], &r);
		printf(" %ld", (long)r);
	}
	printf("\n");
	void *viadefault = dlsym(RTLD_DEFAULT, "lib_bump");
	printf("RTLD_DEFAULT finds it: %d\n", viadefault == (void *)bump);
	printf("dlclose: %d\n", dlclose(h));
	return 0;
}
