from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "cdr" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "call_id" VARCHAR(128) NOT NULL,
    "started_at" TIMESTAMPTZ NOT NULL,
    "answered_at" TIMESTAMPTZ,
    "ended_at" TIMESTAMPTZ NOT NULL,
    "hour" TIMESTAMPTZ NOT NULL,
    "duration" INT NOT NULL,
    "billed_duration" INT NOT NULL,
    "cli" VARCHAR(64) NOT NULL,
    "destination" VARCHAR(64) NOT NULL,
    "destination_prefix" VARCHAR(32) NOT NULL,
    "destination_country" VARCHAR(2) NOT NULL,
    "charge_units" BIGINT NOT NULL,
    "cost_units" BIGINT NOT NULL,
    "pdd" INT NOT NULL,
    "disconnect_cause" INT,
    "ingested_at" TIMESTAMPTZ NOT NULL,
    "account_id" INT NOT NULL,
    "customer_id" INT NOT NULL,
    CONSTRAINT "uid_cdr_account_3b62f8" UNIQUE ("account_id", "call_id")
);
CREATE INDEX IF NOT EXISTS "idx_cdr_custome_ad0111" ON "cdr" ("customer_id", "hour");
COMMENT ON TABLE "cdr" IS 'One call as the switch reported it; written once, never updated.';
        CREATE TABLE IF NOT EXISTS "cdr_hourly_summary" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "hour" TIMESTAMPTZ NOT NULL,
    "attempts" INT NOT NULL,
    "connected" INT NOT NULL,
    "duration" BIGINT NOT NULL,
    "billed_duration" BIGINT NOT NULL,
    "charge_units" BIGINT NOT NULL,
    "cost_units" BIGINT NOT NULL,
    "pdd_sum" BIGINT NOT NULL,
    "computed_at" TIMESTAMPTZ NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_cdr_hourly__custome_b301e7" UNIQUE ("customer_id", "hour")
);
CREATE INDEX IF NOT EXISTS "idx_cdr_hourly__account_93bd97" ON "cdr_hourly_summary" ("account_id", "hour");
COMMENT ON TABLE "cdr_hourly_summary" IS 'The sums of one customer''s CDRs that started in one UTC hour; recomputed whole from the';
        CREATE TABLE IF NOT EXISTS "cdr_rollup_mark" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "hour" TIMESTAMPTZ NOT NULL,
    "customer_id" INT NOT NULL
);
COMMENT ON TABLE "cdr_rollup_mark" IS '\"This customer''s hour received CDRs\": written in the ingest''s transaction, consumed';
        ALTER TABLE "customer" ADD "channels_in_use_at" TIMESTAMPTZ;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "customer" DROP COLUMN "channels_in_use_at";
        DROP TABLE IF EXISTS "cdr_rollup_mark";
        DROP TABLE IF EXISTS "cdr_hourly_summary";
        DROP TABLE IF EXISTS "cdr";"""


MODELS_STATE = (
    "eJztfWtz2ziW9l9B6Us79Sreth0naWV2qmRbnWjalr2S0jO9rSmaIiELYwpkE6Qdz07/9x"
    "cHJCVeJUI3Uww+JJJJHIB6AALnfv6vMbNNbLHjtmHYPvUaLfR/DarPMP+SvtVEDd1xFjfg"
    "gqePLdFWjzUaM8/VDehrolsM80smZoZLHI/YFBq3kaG7LsFuC+En7L4g25tiF7n2Mxpjy6"
    "YPDHk2wt94Jxa/STEKuz+G/k3b4AMQ+rB5Vz4lf/hY8+wHDGS8w9//yS8TauJvmEV/Oo/a"
    "hGDLTIBDTOhAXNe8F0dc61LvZ9EQnnKsGbblz+iisfPiTW06b00CuB4wxa7uYejec32Ai/"
    "qWFQIbIRg86aJJ8IgxGhNPdN8C0IE6eIDFtYam9W6H2qAz1LRGZkIiihiw4SXDpjCZ/FGZ"
    "+PUP8AhvT0/efXj38ez9u4+8iXjM+ZUPfwZDL4AJCAU8vWHjT3Ff9/SghcB4Aar4zMB6Od"
    "XdfFyj9ilk+SOnkY1wXAZtdGGB7WL97gPcmf5NszB98KaA6I8/LoHy13b/8ku7f8RbvYEh"
    "bf7CBS9iL7x1GtwDvGP4+rMxdjVXpw9YY57uelm0L8hD4TrOp1+9rnPQD5dtZcAPVvZPp6"
    "dnZx9Ofzx7//H83YcP5x9/nC/x7K1la/2i+xmWe2JqovWfmY+xZRuPGiP/zln8q+YiSVuj"
    "qdhwk1mA7OI/fOJiTfdN4mku1hl/nuyyt20L6zQf66IuUnCPeR+72njmV3aA+LJ1fHt7DT"
    "3PGPvDChZ2alX3vt5cdPpHJ2If4o2IV7DY8UwnljZx7ZnMFp+kWmujr9r6TuzzZ6dl9nne"
    "qnCfF/eSULOZ52hTm+Vs78VIJ4jqB/Tp+XmZA/X8vPhAhXs5QDt23jlauHEnaNSGnd0oBE"
    "CexTSQM/JXcIeffgLdLn8SnRo4H+V4J/vjERuDYbs/HF4PGnKAN3q3vU4Lwf8jGvXRQtG3"
    "ERV/Rv1KLv+PJRb/x8Kl/zF34fsMu7Ise4ZQ7TQSO43O2LPt5oieKwCPEyrASwLONN0h2l"
    "hnWPNdSw7zLG39YD8vJaKeLxFRz7MiqoAuUNFwqUZypWdI6wf6SSnQT5aAflIAuu9NNc9+"
    "xDnC0QrME5T1g3xn24usLBSnqR/MZ6elBKElclAGY+KAsG7JgRwn2iPTyJ6JZ0zHtu5Gz3"
    "SIyxrkGt3STJuL7ZRlcf/b4LaXj3uWMgW+SQwP/QdZhJWRkdabhL9MfGoArGjsE8vjD3IM"
    "4/11VzOyZAIAqYTmJcL96Kb9j/SUXF7fXgjIuPj+4IpeRAcXqekx+MrmkGl6jsB6xe94ZI"
    "bzpydJmZ6akPQ4+nKI6nf+A81bar2E++SSqRl2bzpcKru5S8zPVXvYgTun4upL6urR+9Sc"
    "zTtBf+8OvyD4E/0vF/3S0zhvN/zfBjwTP21tjdrPmm7GzD/R1Qi1xKz7jrnmrCcp1axXZd"
    "YjjGLTLp4ezJWTx5htDS6MdePxmR8rWuLOYnmApPKIX3J264uQ8udf+tjSBbbZZRCZiR3y"
    "C345wCXwZ7Too6uLpRDDSGj+MeVd4U2Bgq46vKfagsUwY7zfjXHypoOgp7oCNXZt3TR05m"
    "0I1UXUT12BMkx3Q4guzUP0CSgLjsb82UzffG/iKH2xfdd6GYj+artD8bsT7GJqYM217dmm"
    "qM1769uBdF5TzDzd2HSrugx6qTlI2hN2yYQYAgxOYm78Ygb9/hrr9jI0bNUSRp959gxvvO"
    "mH3dQVJuII5euGKHUdYLXqitGMs5D6w6bv303QS11BijuTbYhUT3R1AT3VFa3ImhoYPTbE"
    "6y7sbBgZUOqImIsZtqyN9/N+2E1tYbKtTTeqPu+irvCAaQZcRzaEaECcr6y+i2gLCNUNHt"
    "CC2qd2kV40e2t2Oktf0Sk//81wbBgpqffMC5yZa0SXxM0EulfRqEzcjItNTD2iW2hiu0in"
    "iP9K/OCK+URHY2JZHCDEXpiHZ010edVHE4zNN5+QN8WIYU7vIcIQZ4t5T2iqsyk2c6Nqdj"
    "aQirlRMTeV2TH2EHPjuHhCvskgvKDYDsavu3yT3kvvyzgvpY1mMd+l92l4+eapwe4iA3Cc"
    "pobL+P27EiC/f1cIMtxKrWHszkiRTWeJS0eSTPlzKH8OZdnfgj+HpTMPBKF15j1Nu4WZr5"
    "hX4YFMdI4LR3amXfxkP641z0lKNctVnuXIaV1KvkkSrRVHVrktewuiTsYDKgNzFuOfuYxK"
    "HigX1jMxZQWuKYueDgziIhUJv+zqz3OZO7W6OAL8d+MgsveyPbhsX3Uafxb7lu1U37Jwn8"
    "rTuSScq5boXeb+XCV1L7cUI2MKiQ/Qke0iy34gtIkYpmYT4W/gvHx8fPymiZ5d4nkY1CVC"
    "E8J7pUwPWFB7Ii4FvWSVLlsfYURHtG14vK9g12BIdzFyLD7tiJisiajtgXYH1j4CB8BW1C"
    "GxkO17FnnCTFxy7WeGiIcAbFZSi/N7/H3jy4jfTlyKTLzhEstpwY+u9CUxf5qY839KqYmW"
    "ZbWomaZoLzksivVJ8qxKbUWQevEofCPRHjmS+ZqW1RHZyR6qrHdpfB10+i0E/4/o5W1v2L"
    "4ctlD4he+pd13tl85vLRR+GdHBb4Nh56aFgs/0zl5KMVYuqm9JUF9aZxPADcYgWb4yRadS"
    "FGRTFAQgRc5ea+CbJFUQF0Ec2sfWgThJqiDOQszxGOOpbk00e7LGTlFErqAuWs38x2KpRA"
    "IpsiofmlWyuRFHBuSgdf0CqrdvBxIvORfL85QoxfgmqeqH807yYAQS/Qa8dr6DT6W2jMZl"
    "v8NlG85ai88R/Xp3Jf4OPkf0qnPdgb+DzxG9vuUSaQuJD/HX7deh+JN/jmj35q7TH9z2RB"
    "exPzh/3uldce6c/z+inzu9Tl80ib7x+5dfOldfr/m16Btw+XfXgsfnH1wKaPcuO9f8ScXn"
    "iHb+cXfb52MHn2tx/GXSHZwUpzs4yaQ7mHqeA4EH43VXTaKDSi+cz50hzB+f9LvbAf8K//"
    "PvsBruYCkkF84601PGUaHYTyHjphBTXEnsnEmqKs9IZY4oFxvgmS2XOShBpGAuAXNKe1tS"
    "YkhRKUEhKyjMFoEmZVdvjKSGa3cn3FVRFuAh/lawdAuT/h4kA7tMM935xzChlM74Kc0V09"
    "e3vc9R87TzUhJvk0wmWbSLPcei9tVwGYNha+MyppwNlLOBcjYo7WywyEGS622QSFGyzN3A"
    "m2os1rKUv4FwARDOAGTmYJefPyL84s0nKGLCO0NB/KEwyyPiNRGzkfD7gtAM4iFMTWG/ny"
    "HdsvIdDrY7BHgcdD2GHD6EQRzdghAQHfEVPpkgPoajux5fwQg0Qk24oKOIJfyBodAmgo7A"
    "5SBIB/emFa/dMqL2BN0D8T3SqYnuQ4p7EWmCvWPUDscaNe4EPbqG3zdqBM8RDRBOBLhLgD"
    "kyrjno3vb4z9FDV4cgmEX0CKOi56mNdPaITXR0v8DLdu/f7CK05evX7pWEx4LvE/MYaNbZ"
    "KVY7LsQORjES/PfuNU7FIA9kIHvHDzvx05f7Jmxivt6/4boh9FySCDeSOrLEyo5rxboBa/"
    "H6ARxKV6909QcuTaoojGL06xuFgb85hPe2xqwnKWs46wcyyyoEQ82y0orsVJ29loucco5b"
    "BWtc+JTDNodSAZwFWN4bTjnAKfXo66lH02t3C8CWTAJUsXVbFtTY67oaUWORtHRDUMunPz"
    "1QXJNn92po4+eRWrQrwM05vGWtJXHBZsIZ6OlWkhj2g75ql8Nwl7alRdL2HMtSIqN7sV1p"
    "nGhWyqg0agwwNVEH6uqOGmCECa8Mbgb8b88OQkjDZM9gI+G/4GVup2EtRPjlKKsqOrJ5n0"
    "7w0mWsSzsaa0RdbBCHYOo10X2YmvV4jgV/M+7fiFjXVKgsAyNWLF72GN1HiSmBBoxEvNmI"
    "QsytsEhFd9HzlPeiz+1XvIHHH60VXQDrE0Y2tV6gA+LOCXkfixz/6wTOxhSEcgGv30u068"
    "7yosVWhgS6KSolCeSoBKY6pUVhMKvtcDHyKnu7NTo37e51C4mPEeUbXgt2vXVsbmXKtBUX"
    "actWHvTH/8J5zOySmngLkj2aP3dlW95DANLYNl+yABd7F0btq7yiK+tcGJ2R4xf5ALs82l"
    "pMwh4W+ZwJ0wp0OUtOyQzl/rTnPx7KOamsyt+hVVkZopT+uWJap+q650JRtxzlSVjrrVht"
    "YoQNymX90i0L6aEvqCjSzMV7cE/FJiLep7mSwebLpIkofgIH16BuakGSrw06BA/bnh1l7X"
    "r7iF9QbFbR0X1iQv/7Z/hZ92/QFLsY1C92oAiZ6e5jmO0LsrYjQhl2PTaiwpN3LLQYaOpT"
    "E3K380XvM3C3Ff9iwyFjio1HUMhAgjBxG55nqltP4pcwBC/Dp0Cnwn8/Zh4oRmwL0orBr1"
    "poeiINDaf/gaFwwaExht8ZPh3voCnGmGuHhIoHlC6jACNmT7y3wdosTDWfVK7wiYBV/c+M"
    "BsaIFY7iP99V2cYqmm0smkIZln9BUkNO/+T0Y6m48o9LAss/ZlQGnu6ux4omKWvIih4I61"
    "nOCYqyZ35QrDPPKVLl7FbleQbzxjqTHKdTr3Klp1gwLZLTG9Goqa301Jq+O7fGl9QPxEmU"
    "diBH1wb1rPjWtga0OZQK4TxtpkWkmPSgee2sTduP8+KPxWXjgmVbDHCKTAEtA7QmX9Qrn7"
    "p2sJ+VyWp2VpzV7CyT1SwOnNDcuDmW1XK4x8hrB3wZ3Ithz6BucEAfsMZ/qZfnGrhEv5Wm"
    "rNNpuBdlV9ztGGo1rTEFCTo1AWtPgGPKWOHC1sqSnYbRJIyPQLHhaYbus5zkZsWSSw6pcq"
    "rLCQgT5pW1tDop0hpK/8pdQLkLyIqrr5bfso7IKkcMaUeM6AHKemL0blH7UmT1yV3HW8D3"
    "MtZVXQFOvcBFCL+at8sX23etl4E/m+n59e8ybZor/GC0qWiusVj7lW4xQ/Bc8WciYgdicm"
    "JJ3C6v+izIoBaafsG1A9p8HV4iGOsTgmzLM8eHe89T28Jo4tozcP9opCZzV+OMqKCGoB7h"
    "OCK6ARogwaLqnQ4DBJnoQMML2e4Yb2BgUWPP9b1pYcq3Iu+RohAf5V/y6hJfsX+JsqPV1o"
    "6mex6eOXm6lWLGOUaimLv8dC8gq2PJbC8LGoVqnv6k0Cy57CCoq0lyzzrAlabhZXNQc+vw"
    "vvXhyihRgUlQRolXN0qAtCaHfoxIQb/B2g/kyXVi8pKkSjaotmyg1OpKrV55ZJVa/VXy6y"
    "mdugy6y1Tqrx8+2rcty3dudPexka9NjzVorlKlu6KtNosar9SjjxrDKWFxtXZcC20KJfeI"
    "N0zlsQos9rx1LJdVUwRm+rNAjZLQou9klBE9CkMt30QBo/Dz3/pORB8jCzTsc318EPoKD7"
    "GLsilKOa6U44oB3pABVozanhg1xUwUMRMHaKC36QS7mE9S37ZnuQxFssVyjmLeljMWYeOV"
    "HEUbXVo6Y+gcLcgRkIPdelFtrckPY92Y8sOfn8s6RfgbP/ijmmhwOIc88Q8sw01sfYQRFb"
    "XWHN3Axwgs/nfdHqTifMSOF+TU1Bn0oLsPNj1FU51NS2V3mI+YMb9LsRPfCy+xs0Sai3mQ"
    "YtUSZHU6Sfass5StOb9RtfmqeVnvPgmeQ6gGW5IMxHEaBXMpmGEESLZMoKwolXLayCNVMR"
    "rpbQKEc9eEEbO7tG1bWKf56CboUrCOOeGucJ1f2a8gd3F7e52Q4S666QylX28uOv2jE7G6"
    "eSPiFRmTVH7H7zBgI0zktsasJynVrFdl1nP0KeHTK3uisiceErLKnqjsiZVHt8r2xLC4V7"
    "7iL6r7tVTjN29UKjVtUA0qqXgLdGj4LdTcCSvaIEguq1vIsh8IbaJgxiMzXZRs9XnK18pT"
    "QSGfXQw0Al9AZOgMo6N7DL1oj/jl/s2noCedsWcuWRRrAokpdIHNRV5aAA89E0hY642oCB"
    "jSKbU9eB7+FOW0htGDrMgKC/MbNGuiRAeFN1Qpn9fSQO5VBVa1fXUPypn5kpfEOKJROJfD"
    "WexNMiDPCWqI8NlpGYR5qyW5pvIRll3KCSKFdDmkHY6S1KY8J6ijxrzUXrFkq8ioy+0xsa"
    "TgXVAofFfjG1W5FSDlolyikF2qjz2mpPvc6XX67euGHPoRWQuFX0b0ont93e19bqHwy4gO"
    "O5dfet1LaDX/OqKD9nUHCuDBx4jeDr90+i0kPtLiRpn5PHlfYj5P0uq+WIb795ndyB9bxN"
    "C4rIBzTEvFddvSdDVIK7hM67qL6m2OS544NmtgnyZU4EuDH7AuXBgnfMg8X9plpr8ssbL/"
    "Sdj/ghN3XfBzqBX6EugTR9Mty37Owv63wW2vQN8So0nb34jhof8gi7CdabYbf5n4NHCnH/"
    "vE8ghlxzDeX19hMwKMlm9G6X2nmbSpQQeZkyBU+cn706QJa8jCnpepAsxbFTOx55lKwHPc"
    "oKbyw1pG6YIuVP2X6hijsz4Ils48Tejo15jxDLGa6yrPtfIyKt5hD9PfRHkZfY+zrryMlJ"
    "dRPZBVXkbKy6jy6G7oZRQrnYoZBDHlJcsKKX/+pY+tovRw0XL2vekg6Olg2ekM5onlGSiy"
    "jKhQj5mnC5ZBLHS4+jXW7SW/U6Ml++ceXNky8BW7tuUhvdLVTctMuyArEeYKbRHD1EOejR"
    "zXfsJBkom5I9gPLPJN4wwU57EY1D8PtKb8x87GUHSciSrl9jM9RoIjTM3HjoYZUZ2iLzft"
    "y7eDL+3T8/dRRKwY68jnq8wNHOYch/fOMBfEPKiM/ibyhfskhueN+d+MP6qF3/ocpRHF3x"
    "zCnyFwiYObDjy5PvGgR9tGfLpf0LNr0we+gggWzwpZsHl/FD9jVyTQdrFj6QaGhz5GA+hh"
    "RF37mUGi7RfEjxz+W4PHDRzuHmwc1JKHUvS+QArW3yLJh/WCLDIjHvxODqXJSmb9+D3uEK"
    "m8517Lew40exQX+B2VMHMvyKvsG9Po3LS71y0kPkZ0cAPm6ptBeksoo6stU4C9uPx6pvj6"
    "oRV4PGy/JNhXpQ0QCaIaIr39YpoHk3z9UOJ3w6N/naruCcoaavwOV8OXVewKjm6NSY7TKY"
    "NNlWdYGWyK98zDVN2rOn6vqLoP9QxymvsEkcJVKe5fVXG/UIJsqrdf9FRTbJNvbqVigyOb"
    "SZ4GNWZPWaIyjbdaqSHtPGH3BYmHm+sXww6QwX/NDwxd6IwYTQQ5CclDE7UD/WUTxTW5Td"
    "QD92pQKGa0o9sfYkSv9Jf/GnLuBPUxDGR4iP9+TuBYfqBQBBbgrYgFHusWLHeh67TIEx88"
    "0DQFWshSwb6LWN2M6jHWir9Wns9UPG9lNJIqnreG8bwVEyn3AHO4r+SCvFqvvqDeY9wL5N"
    "f9tdOQwzykaqHgc0S7vehK9G1E7zq99vXwtxYKv4grV93eZ619d9e//RUCytJX1lHO7yAW"
    "MDh2ZFSZcRKlykzLbBOLi87MwXkxMYWQJokUqJkaknhMPE3YYXP0StggM90qMiQlKNN6pY"
    "D0OOxiZzvPj5KbzjZ0h1edy+5N+5q/8813qYCiaKd4lw29JpTM/Jnm6C8znCcSLwU7h1oB"
    "vhxwz3Z8RzN8F1KRkzy/oeKIrjxaFdmV0JluI7LLgxS82DXk34cU5Xf4LnyQeBXChSzFuM"
    "dpaiggnZVxESh2EEgjHCodJFdxjOo7XMFSu3nEGmuEaj7LAXolUx2jVGxgTgnlOEjrWBlz"
    "e1A25SrblDk36eiWJp0/LE1XP8XOTnzInvGYwUYngXSMpH4gn5fSnp0v0Z6d5xTe0HTGsA"
    "sa+Dwl+5JFnSasH+C7qXQicrtqumFglhecsSxbSYZ2j7lKIsvHwaYqCcGbEtPEVGNYSIpS"
    "Ym5xD0rY3bqwG4IdWIK10CK95guT04nK8iPx6jzprlROsai9SiUmnUqM0CebGFhjUPTPL0"
    "o+udquldfPHqfj5rY3/HL9m6yJq8c59xaC/0f0qt29/q2FxMeI/r3T+QX+DD5HNBygheIj"
    "ySZALHO8nxSf7idZsVs4M2gR+BzsQv310n1raT9q65JJUBZCaPr8n/4iY17MI92fKuTsUH"
    "QhEUwQVmLpcvJaHm395IiTUnLEyRI54iQni/k3D7s0kAbAl4o/jqQEV9yDmoJSU+B6Du/O"
    "xc+6tXZcZ7qPPZ7R17eXv3SuZI/ogKqFgs8R/dqLrkTfqnEUzysqai72+MkJkfGSB8CyLp"
    "ROvEC+Nu0ZH0JKk5QmrN/2s5O8k6ZOrBdw1qHmeh4pefQbG9YqNg/bNqwxj7gam+qPGBI3"
    "ehj8BwtDysu4HxZ2V+G3oNFuofaIXrTQxYhettDlWlt+mR2/eMPPhEIHTvF8JVN8IrP9ZA"
    "grDHyVFNlx3E7XBfxUAV4acIN4ci4pYfv6wbsbbh4/SOYGWVAoiEtBDDp/zulFCarKM4gJ"
    "svqBvYvKOlygd+W2iwVJDREuA3AxvpmzzxFJzEzNsIhmhznPJPS7ufRKryuh141XTQnz3r"
    "n4D5+4eeEOpeuv5PSkZmXdYiybTcuqrtS8SMyLdFUoVQ1qfRMuOGr+W7IsY5xmj5B/HV7u"
    "CvVdpz4zCWcJn/mvs5+lnHjSdMp1Z/kLsIbrjsq9VPxW1Df3kiqWUbdZz3GKzyQcDzLDrD"
    "PrSUoV+VCdSc6+2yqv2m5sphFEgYOqZGWUfOK1cK7Yq7NtmPmbgC1LFt8UlQJW5a97xfx1"
    "0WrcArj9WFeHtX7Lgpt6dRPo9vlp2O9eDhvLduItoPyV1Rnh/MMnATR/FNT7en1drsKPYe"
    "bFGEjVqjEPMc6+CPCkRG26GvNnM93NzcwhidIXUU1kIPp7qTNkrm1ZvsPXqPu4OWp90dkN"
    "76u2kNl0giGLBebI2bPNS0eFvfV5ZzXGrCgwTb7MVl1B8vQHzc3V00qBFGZFHeoPdQWKOB"
    "qXw6cbAtV1oNBdXTEKyoFpY8s2Nt3Ve6KrC+iprmgxvqR8zoluiNSAOCX52YNBCZjSXaep"
    "hq1qSabqcCdbnaxa88KWKxNW31KMeGPIJK3P80hDpTvRJ1wOi+ghZqMJsTy+NNCz7T4i3S"
    "KPvAFFWCSkxvSBUCzyPyfSVe9igNwE0/FE3fDz08ml4U+VLHpfyaLDBVjanh0035Upe6/I"
    "7t4vUlXG3pOCUlVvXnYkNrdbvXmXB2zI4uacrQvmt/hYDdnscidq9w5BY4j/C9zQkkdfCx"
    "m6ZTE0ce0Zug9jG+7RkU7jpWwvu1d9RLEHB+GbJnomweiJk3VXA43ovYeNqea4eEK+3Qel"
    "aomHpjqDSrVNpLs4UXbiB3Y8opzK1ekD1viL4Hr3oj5EeAVT835OFI71A38w4jIvqCOhw5"
    "fwofgoJ6cf3475iAHrzkb0qHv39A7uwOfbGZ8pbML3903gGsa2N+WzMSMWFNdlUxgKSuoy"
    "Rzcw/CiXeB6U22Xo7Cf0b+zabx0+GjZHNIxXQyZ54GxIC+E/fN16+0xM3qO4hgK8ASsoEC"
    "xYEvEzgkcLCvDCABgFJYQFszKifNu1wjob/AltftHSHfFjhQaA0JmoEcyfVLzUSCCFjCnm"
    "QgrwPOI3BSxPYeHeRF0MiM6molL50qoasTlS9TP2yxKFC1yGLYqR1DBJ7LufSrBG734q5I"
    "zgVspwG1vdEjCnyGoI9VkZqM+KoT4rgBpTqRQSCSIFcwmYYyexlDyVJKthgM7WQ6AWB2gG"
    "5wvyUHj6Jchq5PPx0+np2dmH0x/P3n88f/fhw/nHH+fnYfbWsoPxovsZzsbEPBRnSJaRZ1"
    "U5lwz3EQPUkcLSUTDmwrjnSJiK7QX7DoVRkQDFC/swfcJVJMD3OOtlIgGUj/iODn5lHFDe"
    "y3tmELZffVsZXupheLm2Hwhte5Cw1WvkmF8S95vLjDAWtBRJz6KmJatxC0KO20sTTWwXeV"
    "PX9jyL447GLwurAzXhT/wWsjtkvRg26ilHda98E15RES9dkGezSjyV9k/YSSUe4sigG7Su"
    "H7Tbz2HAfMPA2JTOjZKg22MilNfRTGwxD4q8RLpPSXSvS/swBdEi9UOGrX9F7mgYsBG4kD"
    "2aNyjBH3nxtisZJNE9gt/y1p5MhP8IRUcB69KMOJo3yNGJ2wRvEeFg8jzlW82c3TkCdixi"
    "d95kOaftDwG+JgOMEcPuEzEw+6/kLz92XkLuDCPHtojxUuw/ERw9wfGu/EVfkyerEsvwim"
    "bN7fMM1WN2X9M+vwtud8Lx8t08K1HhrhAnUTa3NNcF7oBaCNEaRoEccpUtpjqGgKz9R4Rm"
    "YVODmjI5W9Xy2c4Qq7mu8lzPRdE1Xuw0rZrpqs10RcSqGy416A+5AlV0q7lMlJrFGpWKoA"
    "tEExBfBjcD5NnC/dzFBnEIpt7CAx20x1ws4T1SphuRz77wpZ8KB3BvqnvI0H0W8AaZSLpd"
    "DDSiJHDDZ8IlfeJhFxn2bEa8Y3RvYZ3hYHO9RyIxAhfPeEMThnBcG1YM4xNgj22Ti2gcId"
    "7qJWzhjaighIFpU4yhI8PV2RSL0UyIHUBiCMTIzLFekOtThmzfK6k4/70BFVB8ARbF37zI"
    "PgA7BG+acH2PuYjIeb4vc/+rmXy3F6+/Yinw9WzXFTsItu4UECSMkMQ1QaRgzcI6dm3dNE"
    "DekAI2TbYjaA9PP5TxB85XXKyukxUjr7Iao9G5aXevW0h8jCg/01twsKeP/jKqjTIF44rL"
    "xWWKxT2SosiO1eBHtJVGfsgZ3BaC/0f0knO67e7nXgtF30b0rj0Y/P22f9VC0bcR/bXT7/"
    "7cvWwPu7e8bfyvEe32fr3tXnZaKPwirnSHYdvF9xHtd+CZrru9X1po8X2dOT8pU6bkpLhO"
    "yUmmUIlny6gKg9ZVnuYq6QmZP/4XNqQC02IkNSiskNqwSmVGOF+SGeE8mxkBpBDN44JAFu"
    "Vil/0EUQ1w3rfXvsBv6s1yTusVoEdEKlZCHnWGdYtLs4CjDO4pMoW8PPJTrJtc2gy1RJJV"
    "1HOJt7PpvK4CYfcFLReqnnW40gX1Hrf4//na+SpfMz2gaqHgk8sFnR7nVeH/Ef2ZSwpwL/"
    "hch2t8X8bEXGxhztS2CzRuMubPOIkyf+aaP7Hr2jne78X7epJKbevy2zqUWCSwN7s4TEQr"
    "s6/nU9dhHvZRqljFfX4njpeJ2OqUwUZy6nPIazj/BzLfpYz/MWOi7GSnSJXpv8rzDIbkdf"
    "w7FmRqfqs8vyp0WwUY7/e12UqA8es4I8WTxuc4JKVyyhc7JcXz2IuWKz2TfhcZ7ZpIfKD/"
    "hxj5N34T+QGFgP3AgtSTTTTlvwYCV8GjKPKoOEZ9DCcvhLjqaD50wi1pJ6NAZk6YP5FgE7"
    "n2c0t8EfcQgaSmmHf+wBeE8CriV6b8E5vgOhQk6dQpHwS8hoK2grJUIs1YbkwVDfJK0SAF"
    "GRyXOWIVZW886JNlz0nY4NWVWM1R8zohvr1SnYzxI3otnUaKtIZCbY2VGoo3VmmNqo+skj"
    "pUWqPKo1vhtEZ3/Ix+tl1zaD9i2sgR65INmssEOydsykWSqO1K0a6NQFqy8Fsf7uJvDgHE"
    "EcPe26g7LgbRR1HugdAn4oUVIlwuYc1bQNlbLydmf6u9i3B9jy9vEwowgBQ3+NJ+e3r+Pq"
    "r9xLDhYi8Q8ILvcBlbEz4yYVAcijMKUUSLVFql3xt+WIRs7dgPJcptKMo5vss5rAJT6mqv"
    "jRh5lf1MG0udfUM/3/R7VsrFt1z5qCXVo7IuvnyX0aY6m8qYt5NUtfNX2n7eBWXSLoa+vt"
    "KfOCsxW2PWk5Q1nPUDmeVyBk5nTQuno0ychzHDSo2zGzUOMORyoMYoFKJKffOa6ptImtwQ"
    "2JpVxk6jGnthK6WywS6xTWL0/XyFTex2c6m6JmyouX5JZc3foYCmjiJC9C97DBZr8F9Epo"
    "8/Id184isGVCz3wqmR98yZhHtoJFJ2WDqZgbZEJPvwaVZhs5MRNkhbLT4zL0qxdBm1r51c"
    "ucXyz8UqltiMyjKkKVIldlSaKRUxHuJdhQi+nLC/4jcsh1TFJhTGJlQkj1UfT/jqmRYaGR"
    "L3lx5abtByXRMDCumRoP+EHNDtUy9w2OL3zTAP1RO/zYRSP8jgyzCD0ojLLQzb6FyVWKiW"
    "1l8pmZWSWSmZlZJZcXvrc3tw9K1TE5GpBKkHMb8h/5KrDf36tXtVFCQVp0rNsO8T8xho6/"
    "XqBtmWgrmKz4L4pUu1oSFa29CG+t50sOjtMMFdqbtLrq4qqe/6XCiwLMHa58hB4b3mchko"
    "1qqE+OPorscnGT24tu+0hOABqk1wWMIi6gSbxAuck4QOLfRWYyjy34b8vMTLE3622fWqeB"
    "aBlQpneU1p6HXVoa/NiKv0EUoMUpEW1d69lEG5AlHI2TiBnKRaFyHpz7/0sSXcrosBl4gR"
    "qKaclwE8Y47fEKGSpvhDQWenDLgtoMgy37a1opyGG7UowXRD51AbwgNrtIPdGRECCWsiji"
    "IBzpdfjMLKBav84OrUCzhisSDy+O0t9apY7UocVorV3rfvQSycY/HyZGH+2+C2lw9ziizN"
    "aBPDQ/9BFmE7Yw4af5n4NCiEM/aJ5RHKjmG8vzZ2u0fnQQ8wJXjsTPbCdKLCFPMMHWSSMM"
    "Ov0kiOqmtpaeg42R4rQ8+vHG5paCV9KOmjntLH/vjqQ0F6p4z1gDgCrhzeOrq1lL1mxNEi"
    "z+TVLPage4d0HwqyecTQo8pweiwZ0xAKZ0dBvIShR+yEuugwftckD5h5CPw0oBjcM/GMaY"
    "bp3tE4I0oxNlkLfWmfoP9GN1fnR/DbAbeWi3Vr1oq6fFOKZY+IM2x7ohX+5mEqTD8qeniv"
    "7Px8eiRY+jhNDdn6HZQIn6/u7J6/JONWgqxG1eH2nHRL7Foy63tOUMPFfXpepo4Zb1VsHj"
    "rP1DKb6icy+IbNa4juWZl6YWfF9cLOMvXCwjp7MsUf4iSq+EMmzZUjhaWjYMyFkbPEumXZ"
    "zzI6qjiNUlBtXUGljPTFq7++RnrfMdec9SSlmvWqzHqOb2vGMquUoyoJZvWRVWpnlQSz8u"
    "hWOAlmkdZ6tcpaQl3t6ZOJ0BzTyD+jGeWZDHyooS/0DAkQ7iMPb5HXgOEc1+vNu1ORptXS"
    "EGPIByqj3pkT1C6+dCdVy5VDzW591+fZf2WDpTOEdUR8F+pgwjR+5JCnnGW91FUmQbdHX5"
    "loQzlYV5n5SuVnqCTmaVIFe3nYRcoXy34g6yQGyhCrWOLq6FuyajalXC0+UQ5TzaYioF5P"
    "zRYJfnLApqhq5BGxPWD5US8J6oJCLVWlt3xNvWUUxrQhsFG8VE1Rjb2wCUj7/LDrdy+Hjd"
    "yddhu4xro6rF22NLTJA6YA3jIe3mTmYJfZVPjlbujqLZcY5UCgz0vUo3BagVNoKNBU9HIZ"
    "tJJlvzbEKlNurCany04DL9rYJca0kWPBCu80l9mw9EWbVVasYhiUNala1qQnvmvlOsIX6+"
    "FjJEoDX04DDy+VBMJh8xqiu5MQbT6ih/NkwGLX1xjJ/j1fX0fFuzUf14w0vk9njD//P7O6"
    "bZI="
)
