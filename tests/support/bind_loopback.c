/* LD_PRELOAD shim for the test FalkorDB: a socket bound to "any address" is bound to loopback instead.
 *
 * FalkorDB 4.16's Bolt listener (BOLT_PORT) binds every interface and has no option to choose one;
 * redis-server's own --bind does not reach it. With this library preloaded, a bind() to 0.0.0.0 or ::
 * becomes a bind() to the loopback address, so the unauthenticated test server is never reachable from
 * another machine. An IPv6 wildcard (FalkorDB's, dual-stack) becomes ::ffff:127.0.0.1, the IPv4
 * loopback seen from an IPv6 socket, so clients reach it at 127.0.0.1 as before. Built by tests/support/falkordb_server.py with the system C compiler.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
    static int (*real_bind)(int, const struct sockaddr *, socklen_t) = NULL;
    if (!real_bind) real_bind = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
    if (addr && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        struct sockaddr_in local;
        memcpy(&local, addr, sizeof local);
        if (local.sin_addr.s_addr == htonl(INADDR_ANY)) local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return real_bind(fd, (const struct sockaddr *)&local, sizeof local);
    }
    if (addr && addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 local;
        memcpy(&local, addr, sizeof local);
        if (memcmp(&local.sin6_addr, &in6addr_any, sizeof in6addr_any) == 0) {
            static const unsigned char mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
            memcpy(&local.sin6_addr, mapped, sizeof mapped);
        }
        return real_bind(fd, (const struct sockaddr *)&local, sizeof local);
    }
    return real_bind(fd, addr, len);
}
