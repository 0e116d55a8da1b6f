import array, random, time, statistics, json
import fastwasm
def med(f, k=7):
    f(); ts=[]
    for _ in range(k):
        t=time.perf_counter(); f(); ts.append(time.perf_counter()-t)
    return statistics.median(ts)*1000
async def check(n):
    rng=random.Random(1)
    N=1024
    a=array.array("d",(rng.random() for _ in range(N*N)))
    A=memoryview(a).cast("B").cast("d",(N,N))
    v=array.array("d",(rng.random() for _ in range(10_000_000)))
    img=bytearray(rng.randrange(256) for _ in range(1920*1080*4))
    ks={"matmul":lambda: fastwasm.matmul(A,A),"mandelbrot":lambda: fastwasm.mandelbrot(1920,1080,-2.5,1.0,-1.0,1.0,256),
        "blur":lambda: fastwasm.gaussian_blur(img,1920,1080,3.0),"sort":lambda: fastwasm.sort(v),
        "copy-in-out 80MB": lambda: fastwasm.cumsum(v)}
    one={k:med(f) for k,f in ks.items()}
    await fastwasm.enable_threads(n)
    two={k:med(f) for k,f in ks.items()}
    return {k:(round(one[k],1),round(two[k],1),round(one[k]/two[k],2)) for k in ks}
