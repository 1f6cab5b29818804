from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "conference_room" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "extension" BIGINT NOT NULL,
    "name" VARCHAR(200),
    "pin_hash" VARCHAR(200),
    "max_participants" INT NOT NULL,
    "recording" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_conference__account_cf074a" UNIQUE ("account_id", "extension")
) /* A Class 5 conference room of a customer, reached at an extension of the account's */;
        CREATE TABLE IF NOT EXISTS "ip_auth" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "address" VARCHAR(49) NOT NULL,
    "range_start" VARCHAR(39) NOT NULL,
    "range_end" VARCHAR(39) NOT NULL,
    "tech_prefix" VARCHAR(20),
    "extension" BIGINT,
    "channels" INT NOT NULL,
    "cps" INT NOT NULL,
    "notes" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_ip_auth_account_4d8688" UNIQUE ("account_id", "extension")
) /* IP authentication of a customer: calls from `address` (an address or CIDR network), with */;
CREATE INDEX IF NOT EXISTS "idx_ip_auth_account_547940" ON "ip_auth" ("account_id", "range_start");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "conference_room";
        DROP TABLE IF EXISTS "ip_auth";"""


MODELS_STATE = (
    "eJztXe132ji6/1d0+NL0XJptkqbtMHv3HEKYlp2E5BIys7PDHsfYImhjZI8tkmZ253+/em"
    "Qb/AoWr8ajDy3E1iOZn2TpeX/+U5vYJra846Zh2FPKag30nxrVJ5h/Sd6qo5ruOPMbcIHp"
    "Q0u01SONhh5zdQP6GumWh/klE3uGSxxGbAqNm8jQXZdgt4HwM3Zfkc3G2EWu/YKG2LLpo4"
    "eYjfA33onFb1KMgu6PoX/TNvgAhD6u39WUkt+mWGP2IwYy3uGv/+KXCTXxN+yFfzpP2ohg"
    "y4yBQ0zoQFzX2KsjrnUo+0E0hKccaoZtTSd03th5ZWObzloTH65HTLGrMwzdM3cKcNGpZQ"
    "XAhgj6Tzpv4j9ihMbEI31qAehA7T/A/FpN07o3fe2u3de0WmpCQooIsMElw6YwmfxRPfHr"
    "H+ER3p2efPj04fPZxw+feRPxmLMrn/7wh54D4xMKeLr92h/ivs50v4XAeA6q+EzB2hrrbj"
    "auYfsEsvyRk8iGOC6CNrwwx3a+fncB7kT/plmYPrIxIPr+/QIof2r2Wl+bvSPe6i0MafMX"
    "zn8Ru8GtU/8e4B3BdzoZYldzdfqINY/pLkujfUEec9dxNv3ydZ2BfrBsSwO+v7K/Oz09O/"
    "t0+v7s4+fzD58+nX9+P1vi6VuL1vpF5wss99jUhOs/NR9DyzaeNI/8nrH4l81FnLZCU7Hm"
    "JjMH2cW/TYmLNX1qEqa5WPf486SXvW1bWKfZWOd1kYB7yPvY1sYzu7IFxBet45ubK+h54n"
    "m/Wf7CTqzq7v31Rbt3dCL2Id6IsJzFjic6sbSRa09ktvg41UobfdnWd2yfPzstss/zVrn7"
    "vLgXh9qbMEcb217G9p6PdIyoekCfnp8XOVDPz/MPVLiXAbRjZ52juRt3jEZt2OmNQgDELE"
    "8DOSN7Bbf56SfQ7fAn0amBs1GOdrI7HrF212/2+v2ru5oc4LXuTbfdQPD/gIZ9NFD4bUDF"
    "n2G/ksv/c4HF/zl36X/OXPhTD7uyLHuKUO00EjuN7nkvtpshei4BPEqoAC8IuKfpDtGGuo"
    "e1qWvJYZ6mrR7s54VE1PMFIup5WkQV0PkqGi7VSK70FGn1QD8pBPrJAtBPckCfsrHG7Cec"
    "IRwtwTxGWT3It7a9yMpCUZrqwXx2WkgQWiAHpTAmDgjrlhzIUaIdMo3eC2HGeGjrbvhMh7"
    "isQa7RLc20udhOvTTuf7+76WbjnqZMgG8Sg6H/Iot4RWSk1Sbhr6MpNQBWNJwSi/EHOYbx"
    "/ratGVkwAYBUTPMS4n503fxHckpaVzcXAjIuvj+6ohfRwUViegy+sjlkmp4hsF7yO4xMcP"
    "b0xCmTUxOQHodfDlH9zn+geUOt12CfXDA1/c51m0tl17ex+bls9ttw51RcfU1cPfqYmLNZ"
    "J+jnTv8rgj/RP7nol5zGWbv+P2vwTPy0tTVqv2i6GTH/hFdD1GKzPnXMFWc9TqlmvSyzHm"
    "IUmXbx9GCuHD1FbGtwYagbTy/8WNFid+bLAySVJ/yasVtfBJQ//NjDli6wTS+D0EzskB/x"
    "6wEugT/CRR9enS+FCEZC848p7wqvCxR01eY9VRYsD3se73dtnNj4zu+pqkANXVs3Dd1ja0"
    "J1EfZTVaD43RF2MTWw5tr2ZE24WrPeerYvTVUUM6Yb6y6tlt9LxUHSnrFLRsQQYHASc91N"
    "PoDtp0i3rcAQUUkYpx6zJ9hdF7Wgm6rCRByhLFsTpY4DR2NVMZrwI19/XPf9u/Z7qSpIUe"
    "efNZHqiq4uoKeqohVav3wl9Zp43Qad9UOFdxUR41Iotqy19/Ne0E1lYbKtdTeqHu+iqvCA"
    "Kh1M/WtCdEece6+6i2gDCFUNHtBa2ad2nh4rfWtyOkle0Sk//81gbBgprqfKCnSYabAWxD"
    "n4ujLRqEicg4tNTBnRLTSyXaRTxH8lfnTFfKKjIbEsDhDyXj2GJ3XUuuyhEcbm2+8RG2Pk"
    "YU7PEPEQZ4t5T2ise2NsZkZBbG0gFSOhYiRKs2PsIEbCcfGIfJNBeE6xGYz3u3zj3iYfiz"
    "ibJI0cEV+Tj0l4+eapwe4iA3CUpoLL+OOHAiB//JALMtxKrGHsTkieDn6BCT5Opuzvyv6u"
    "LLEbsL9busdAEFpl3pO0G5j5knmBHchEZ5jc0zPt4mf7aaV5jlOqWS7zLIdOxlLyTZxopb"
    "if0m3ZGxB1Uh4rKZjTGP/AZVTySLmwnooBynElmPd0YBDnqUj4ZVd/mcncidXFEeC/G/uR"
    "mK3mXat52a79ke8LtFV9y9zdJUvnEnOGWaB3mfnfFNS93FCMjDEEqqMj20WW/UhoHXmYmn"
    "WEv4Gz6fHx8ds6enEJYxjUJUITwnulnu6zoPZIXPJ7SStdNj7CgA5o02C8L3/X8JDuYuRY"
    "fNoRMb06ojYD7Q6sfQQOW42wQ2Ihe8os8ow9ccm1XzxEGAKwvYJanF+j7xtfRvx27FJo4g"
    "2WWEYLfnQlL4n508Sc/0tKTbQoC0HFNEU7yTmQr0+SZ1UqK4JUi0fhG4n2xJHM1rQsj6CN"
    "91BmvUvt/q7dayD4f0BbN91+s9VvoOAL31NvO9qP7V8aKPgyoHe/3PXb1w3kfyZ39kKKsW"
    "JRWAuCsJI6Gx9uMAbJ8pUJOhVSng4p90EKnb1WwDdOqiDOgziwj60CcZxUQZyGmOMxxGPd"
    "Gmn2aIWdIo9cQZ23mvmPxVKB3wmyMh+aZbK5EUcGZL919QJgN28HEi85F8uzlCj5+Mapqo"
    "fzVvIW+BL9Grx2toNPqbaMWqvX5rINZ63F54De316Kv/3PAb1sX7Xhb/9zQK9uuETaQOJD"
    "/HVz3xd/8s8B7Vzftnt3N13RReQPzp+3u5ecO+f/D+iXdrfdE03Cb/x+62v78v6KXwu/AZ"
    "d/eyV4fP7BpYBmt9W+4k8qPge0/Y/bmx4f2/9cieMvEp5+kh+efpIKTx8z5kDgwXDVVRPr"
    "oNQL50u7D/PHJ/325o5/hf/5d1gNt7AU4gtnlekp4qiQ76eQclOIKK4kds44VZlnpDRHlI"
    "sN8MyWy/QSI1IwF4A5ob0tKDEkqJSgkBYUJvNAk6KrN0JSwbW7Fe4qL2trH3/LWbq5SVoP"
    "koFdpJlu/6MfU0qn/JRmiumrm+6XsHnSeSmOt0lGozTa+Z5jYftyuIzBsJVxGVPOBsrZQD"
    "kbFHY2mOeMyPQ2iKWUWORuwMaaF2lZyN9AuAAIZwAycbDLzx8RfvH2eyg6wTtDfvyhMMsj"
    "wurIs5Hw+4LQDMIQpqaw30+QblnZDgebHQI8DjrMQw4fwiCObkEIiI74Ch+NEB/D0V3GVz"
    "ACjVAdLugoZAnfeCiwiaAjcDnw03e9bURrbQyoPUIPQPyAdGqih4DiQUSaYHaMmsFYg9qt"
    "oEdX8PsGNf85wgGCiQB3CTBHRjUHnZsu/zl64OrgB7OIHmFU9DK2ke49YRMdPczxst2Ht9"
    "sIbbm/71xKeCxMp8Q8BppVdorljguRg1GMBP992Mep6Oft82Xv6GEnfvpi34R1zNe7N1zX"
    "hJ5LEuFaXEcWW9lRrVjHZy32H8ChdPVKV3/g0qSKwshHv7pRGPibQ3hvK8x6nLKCs34gs6"
    "xCMNQsK63IVtXZK7nIKee4ZbBGhU85bDMoFcBpgOW94ZQDnFKP7k89mly7GwC2YBKgkq3b"
    "oqBGXtfliBrzpKVrglo8/emB4ho/u5dDGz2P1KJdAm7G4S1rLYkKNiPOQI83ksSw5/dVuR"
    "yG27QtzZNsZ1iWYhm48+1Kw1izQkalQe0OUxO1oQ7qoAZGmODK3fUd/5vZfghpkOwZbCT8"
    "F7zO7DReAxF+Ocyqio6gBrrjv3Qp69KWxhpQFxvEIZiyOnoIUrMez7Dgb8bDWxHrmgiV9c"
    "CIFYmXPUYPYWJKoAEjEW82oBBzKyxS4V30Mua96DP7FW/A+KM1wgtgfcLIptYrdEDcGSHv"
    "Y56TfZXA2YiCUC7g9c8S7bq1vGiRlSGBboJKSQIZKoGxTmleGMxyO1yEvMzebrX2dbNz1U"
    "DiY0D5hteAXW8Vm1uRslr5RbXSleKmw3/jLGZ2QQ2zOckOzZ/bsi3vIABpaJuvaYDzvQvD"
    "9mVe0aV1LgzPyOGrfIBdFm0lJmEHi3zGhGk5upwFp2SKcnfa8/eHck4qq/Kf0KqsDFFK/1"
    "wyrVN53XMThbcy9Cjp0lz5ypREUbBiKpUmalm656FzNCdHQA7ajLl7ax3xLcsYYxPpDLKp"
    "c04Q09AJFXQTAchvvJQiZeMjDKhwbnV0Ax+jPr9z2+mC7uMJO8xXYuge9KC7jzY9Fbnb81"
    "QXMV3FbERfVaEyuu9JczGfhxS2i9KgxciqdIbsJCHanhLql01XtIN8+oRKJ3yP0iiYC8EM"
    "I4B2m0AcB82q+pi7kWSRKvEuuU34MecwYnqXtm0L6zRXdp7TJWAdcsJt4Tq7sluN0cXNzV"
    "VMdLvoJFVC99cX7d7RiVjdvBFhORuzEqjzF3d1BWpVrL5qs57h0Juur67UKNtRSu4t70cV"
    "kVUKqr04SBqRstDr+vNVr8J0Et3Ey1sy/R/ztXNZir/Q0XKhxm/WqJDzlO9+F1e8+To0/A"
    "6cnAIXoiB6Pczh78946IUUrFb0MuZr5TnHc2obAw0oeFMZuofR0QOGXiA/7kNQszEsapyv"
    "CSR+Hce6iL2fR9O/EP5iTNmAgneWoVOoKsCfhz9FMa1h+CApreGvsRcV5tdvlqgJkHtD+U"
    "7tSwOpakpuVzkzW/KSGIc0CudiOIu9SQbkGUEFET47LYIwb5WLsLiXgbDsUo4RKaSLIe1w"
    "lKQ25RlBFTXmhfaKBVtFSl1uD4kll7VxRqHwXY5vGFYkQMpEuYDncKKPHbqy+qmmr2py6I"
    "dkYarqqwG96FxddbpfGij4MqD9dutrt9OCVrOvA3rXvGqDxzF8DOhN/ysUtBEfSXGjyHxu"
    "PuuPMx1axNC4rIAzTEv5jrJJugq4I+/aXdZxyTPHZgXsk4QKfGnwfdaFC+OED5lVp26R6S"
    "9NrOx/EvY//8RdFfwMaoW+BPrE0XTLsl/SsOenAY7SlCMVcKWqx4cqP3l/miRhBVnY8yJh"
    "V7xVPhN7ngq9muHmV2hdxSid04XKLlUeY3TaB8GCqGSho19hxlPEaq7LPNfKyyh/hz1Mfx"
    "PlZfRnnHXlZaS8jKqBrPIyUl5GpUd3TS+jSHoLv7jDmgmtEpU9DpKdTqezii5PX5FlCBx4"
    "UzNLFyyDWOBw9VOk2xa/U6Elu9VsYHnw5bu2ZSG91NVNS027ICsQ5gpt/cRXzEaOaz9jv1"
    "DKzBHsjRf6pnEGyoXaMbaLfK0p/7GTIXbBtQxc0OwXeowER5iYjy0NM6A6RV+vm613d1+b"
    "p+cfw4hYMdbRFJJ9+Q5zjvMGUnlxQYyhJ/z6NvSF+14MzxtDnRn+qBZ+N+UoDWiQyd13iY"
    "ObDjy5PmLQo2376cxeXJs+8hVEsHjWIJcYxS+8EfjMudixdAPDQx+jO+hhQF37xYPKM6+I"
    "Hzn8t0bypKFHG3sNuPKKfAc/ZsP68x0Cx/bUtV6RRSaEwe+EXGbFM49FHCKV99y+vOdUgi"
    "xJXe3nApraz7l62s9JLS1/Tkbo7LgrqhRPkJUZ+zL5JcG+Km2AiBFVEOnNlwPSGcMTRyqO"
    "N0qi4neTOgpV/mUZA32AGr60YldwdCtMcpROGWzKPMPKYJO/Zx6m6l7lWduj6n5PBX+qiK"
    "tS3O9Hcb+Hah+Him2Rch97ig0ObSZZGtSIPWWByjTaaqmGtP2M3VckHm6mXww6QAb/NW88"
    "dKF7xKgjyElIHuuo6esv6yiqya2jLrhXg0IxpR3d/BADeqm//qXPuRPUwzCQwRD//ZzAsa"
    "a+QhFYgHciFnioW7Dcha7TIs98cF/T5GshCwX7zmN1U6rHSCv+WrGpp+J5S6ORVPG8FYzn"
    "LZlIuQOYg30lE+TlevU59Q7jXpqtfuendk0O84CqgfzPAe10wyvhtwG9bXebV/1fGij4Iq"
    "5cdrpftObtbe/mJwgoS15ZRTm/hVhA/9iRUWVGSZQqMymzjSwuOnsOzoqJyYU0TqRATYJq"
    "4iFhmrDDZuiVsEEmupVnSIpRJvVKPulx0MXWdp73kpvOJnSHl+1W57p5xd/5+odEQFG4U3"
    "xIh14TSibTieborxOcJRIvBDuDWgG+GHBmO1NHM6YupCInWX5D+RFdWbQqsiumM91EZBeD"
    "FLzYNeTfhwTln/Bd+CTxKgQLWYpxj9JUUEA6K+IikO8gkKqk5SsdJFdxhOpPuIKldvOQNd"
    "YI1aZeBtBLmeoIpWIDk2wg5ysc3dKkM0kl6aon4m/Fm+gFDz1Y8hJIR0iqB/J5IT3K+QI9"
    "ynlGCQZN9zzsgi42S926YFEnCasH+HZqXogsn5puGNjLctNflLciRbvDrBWhDvxgk1YE4I"
    "2JaWKqeVjIDFICT34PSuzZuNgTgO3bBLWwrvhqL0xGJyrfi8Sr86y7UtmlwvYqqZR0UilC"
    "n21iYM2D8m/TvDSEyy0cWf3scDqub7r9r1e/yBo7ujfddgPB/wN62exc/dJA4mNAf263f4"
    "Q//c8BDQZooOhIsqnwihzvJ/mn+0laABNmbS0En4Odq8lcuG8t7EdtXTKpqgIIzSn/p7/K"
    "GJqySHcnFJ8dilQcwgQBBpYuJ69l0VZPjjgpJEecLJAjTjLyWX9j2KW+NABeNfxxJCW4/B"
    "7UFBSaApc5vDsXv+jWyhF+yT52eEZf3bR+bF/KHtE+VQP5nwN63w2vhN/KcRTPautpLmb8"
    "5IQYackDYFEXSjuaI1+b9oQPIaVJShJWb/vZSgZCUyfWK7htUHM134Qs+rVNLCWbh02bWD"
    "xGXM0b608YUvgxDJ5kucHFRRzRcrsr8VtQazZQc0AvGuhiQFsN1Fppyy+y4+dv+KmgWN89"
    "mq9kik9ktp8UYYmBL5MiO4rb6aqAnyrACwNuECbnnBC0rx682+Hm8aNklog5hYK4EMSg8+"
    "ecXpiqqDiDGCOrHtjbqLHCBXpXbruYk1QQ4SIA5+ObOvsckc7K1AyLaHaQ/UpCv5tJr/S6"
    "EnrdaP2MIAOai3+bEjfL8b1wJY6MntSsrFqWY71pWdaVmheJeZGuD6TqAq1uwoUEIb9LFu"
    "iL0uwQ8vt+a1uobzsJlkk4S/jCf539IuXEk6RTrjuLX4AVXHdUFp78t6K6WXhU2YSqzXqI"
    "0aKyCX6OkFVmPU6p8qqVZ5LT77bKsLUdm2kIke+gKlkjI5t4JZxL9upsGmb+JmDLksU3Qa"
    "WAVZnM9pjJLFyNGwC3F+nqsNZvUXATr24M3R4/DXudVr+2aCfeAMr3XpURzj58YkDzR0Hd"
    "+6urYrVe+IgjDMHUWHNte7J+BZOgtx7vrELbSFZ2w81Ue6kqSEx/1NxMJZEUSEFyvr7+WF"
    "WgoELzlI3XBKrjQL2lqmLkV6XRhpZtPK0JVFd0dQE9VRUtjy+pKT8G10TqjjgFD9ODQWkX"
    "2VJhq1qQMDXYyZbnTNVY0HJp3tQbihFvDAlN9Vk6Uyi4JPqEy0EtJ+TZaEQsxpcGerHdJ6"
    "Rb5Ik3oAiLvKiYPhKKRRrSWNbUbQyQmec0mi8Wfn4yx6nKWbp5eT0/Z2mwAAsb0/zm27Kj"
    "7RTZ7TtlqQKtO9KOqCKii47E+maLiG7zgA1Y3Iyzdc785h+rAZtd7ETt3CJoDMFHvg9M/O"
    "hrIEO3LA+NXHuCHgLH6gd0pNNoRcVW57KHKGZwEL6toxfijx47Wbc10IA+MGyMNcfFI/Lt"
    "wa+YSBga6x4UTKwj3cWx7OdvvOMB5VSuTh+xxl8Elz2INOXBFUzNhxlRMNYb/mDE9Zifzl"
    "yHL8FD8VFOTj+/G/IRfdbdG9Cjzu3zB7gDn+8mfKawCd8/1oFrGNpszGdjQiyo8eiNYSio"
    "7Og5uoHhR7mEMaj66KGz79Dv2LXfOXw0bA5oECyDTPLI2ZAGwr9NdevdCzF5j+Ia8vEGrK"
    "BOpWBJxM/wH82vAwkDYORXshTMyoDybdcK0r3zJ7T5RUt3xI8VGgBCJ6JUJX9S8VIjgRQy"
    "xpgLKcDziN/kszy59SNj6dkhNJSKgrkLk7tH5kilcd8tSxQscBm2KEJSwVyFH74rwBp9+C"
    "6XM4JbCatRZHVLwJwgqyDUZ0WgPsuH+iwHakyl4tdjRArmAjBHTmIpeSpOVsHogI3HX8wP"
    "0BTOF+Qx9/SLkVXI4Pzd6enZ2afT92cfP59/+PTp/PP72XmYvrXoYLzofIGzMTYPGYXLVF"
    "WBTXAfEUAdKSwdBWMmjDt2wy/ZXrBrP3zlhpy/sA/TIVW5If8ZZ72IG7JyUN3Swa+MA8p1"
    "cscMwuaLwCrDSzUML1f2I6FNBtkiWS3D/BK7X19khLGgpci4FDYtWBRWEHLcXutoZLuIjV"
    "2bMYvjjoavc6sDNeFP/A5Cy9NeDGv1lKG6V74Je1TES1cDWa8MSKn9E7ZSBoQ4Muj6rasH"
    "7eYDqL2pYWBsSidmiNHtMAvDfjQTG0zCIC+R7lIS3enSPkxBNE/9kGLr98gd9X02AueyR7"
    "MGBfgjFm27lEES3SP4Le/s0Uj4j1B05LMu9ZCjeYscnbh18BYRDiYvY77VzNidI2DHQnbn"
    "bZpz2vwQ4GtyhzHysPtMDOz9Jf7Lj53XgDvDyLEtYrzm+0/4R49/vCt/0X3yZGViGfZo1t"
    "w8z1A+Znef9vltcLsjjtfUzbIS5VfvjpAom1uS6wJ3QC2AaAWjQAa5SlVRHkNA2v4jQrOw"
    "qUFBi4ytavFsp4jVXJd5rmei6AovdpJWzXTZZrokYtU1lxr0x0yBKrxVXyRKTSKNCkXQ+a"
    "IJiC9313eI2cL93MUGcQimbO6BDtpjLpbwHqmnG6HPvvClHwsHcDbWGTL0qefzBqlIum0M"
    "NKDEd8P3hEv6iGEXGfZkQtgxerCw7mF/c31AE9198rh4xhuaMITj2rBiPD4B9tA2uYjGEe"
    "KtXoMWbEAFJQxM62IMHRmu7o2xGM2E2AEkhkAemTjWK3Kn1EP2lBVUnP9ag/ILUwEWxd9Y"
    "aB+AHYI3jbm+R1xE5DzfF7n/VUy+24nXX74UuD/bdckOgo07BfgJIyRxjREpWNOwDl1bNw"
    "2QN6SATZJtCdrD0w+l/IGzFRfLi/REyMusxqi1r5udqwYSHwPKz/QGHOzJo7+IaqNItar8"
    "WlWpSlVPJC+yYzn4IW2pke9zBreB4P8BbXFOt9n50m2g8NuA3jbv7n6+6V02UPhtQH9q9z"
    "o/dFrNfueGt43+NaCd7k83nVa7gYIv4kqnH7Sdfx/QXhue6arT/bGB5t9XmfOTIjUSTvKL"
    "JJykqiQwW0ZV6Lcu8zSXSU/oTYf/xoZUYFqEpAJZ3RMbVqHMCOcLMiOcpzMjgBSiMS4IpF"
    "HOd9mPEVUA51177Qv8xmyScVovAT0kUrES8qh7WLe4NAs4yuCeIFPIyyM/xrrJpc1ASyRZ"
    "wjmTeDObzn4VCNuvpjdX9azClc6pd7jF/999+16+YLNP1UD+J5cL2l3Oq8L/A/oDlxTgnv"
    "+5Ctf4sYiJOd/CnCqs5WvcZMyfURJl/sw0f2LXtTO83/P39TiV2tblt3Wo70Zgb3ZxkIhW"
    "Zl/Ppq7CPOyiTqqK+/yTOF7GYqsTBhvJqc8gr+D8H8h8FzL+R4yJspOdIFWm/zLPMxiSV/"
    "HvmJOp+S3z/KrQbRVgvNvXZiMBxvtxRoomjc9wSErklM93SormsRctl3om/Soy2tWR+ED/"
    "gzzyO34b+gEFgL3x/NSTdTTmvwYCV8GjKPSoOEY9DCcvhLjqaDZ0zC1pK6NAZk6YP5FgE7"
    "n2S0N8EfcQgaSmmHf+yBeE8CriV8b8E5vgOuQn6dQpHwS8hvy2grJQIs1IbkwVDbKnaJCc"
    "DI6LHLHysjce9Mmy4yRs8OpKrOaweZUQ31ydQM/jR/RKOo0EaQWF2gorNRRvrNIalR9ZJX"
    "WotEalR7fEaY1u+Rn9Yrtm337CtJYh1sUb1BcJdk7QlIskYdulol0TgbRk4XdTuIu/OQQQ"
    "Rx5m78LuuBhEn0S5B0KfCQsqRLhcwpq1gJqbLCNmf6O9i3B9xpe3CQUYQIq7+9p8d3r+Ma"
    "z95GHDxcwX8PzvcBlbIz4y8aA4FGcUwogWqbRKv9amQRGylWM/lCi3pijnTF3OYeWYUpd7"
    "bUTIy+xnWlvo7Bv4+Sbfs0IuvsXKRy2oHpV28eW7jDbWvbGMeTtOVTl/pc3nXVAm7Xzoqy"
    "v9ibMSeyvMepyygrN+ILNczMDprGjhdJSJ8zBmWKlxtqPGAYZcDtQIhUJUqW/2qb4Jpck1"
    "ga1YZewkqpEXtlQqG+wS2yRGb5qtsIncri9U1wQNNXdaUFnzMxTQ1FFIiP5tD8FiDf6LyJ"
    "zi75FuPvMVAyqWB+HUyHvmTMIDNBIpOyydTEBbIpJ9TGlaYbOVEdZIWy0+Uy9KvnQZtq+c"
    "XLnB8s/5KpbIjMoypAlSJXaUmikVMR7iXYUIvoywv/w3LINUxSbkxiaUJI9VD4/46hnnGh"
    "li9xceWq7fclUTAwrokaD/Hjmg26fMd9ji980gD9Uzv+0Jpb6fwdfDHpRGXGxh2ETnqsRC"
    "ubT+SsmslMxKyayUzIrbW53bg6NvlZqInkqQehDzG/AvmdrQ+/vOZV6QVJQqMcPTKTGPgb"
    "Zar66fbcmfq+gsiF+6UBsaoLUJbeiUje/mvR0muEt1d/HVVSb1XY8LBZYlWPsMOSi4V18s"
    "A0VaFRB/HN1lfJLRo2tPnYYQPEC1CQ5LWESdYJMw3zlJ6NACbzUPhf7bkJ+XsCzhZ5NdL4"
    "tnEVipcJZ9SkP7VYfumxFX6SOUGKQiLcq9eymDcgmikNNxAhlJtS4C0h9+7GFLuF3nAy4R"
    "I1BOOS8FeMocvyZCBU3xh4LOVhlwW0CRZr5ta0k5DTdsUYDphs6hNgQDa7SD3QkRAolXRx"
    "xFApwvvxiGlQtW+dHVKfM5YrEgsvjtDfWqWO1SHFaK1d6170EknGP+8qRh/vvdTTcb5gRZ"
    "ktEmBkP/RRbxtsYc1P46mlK/EM5wSixGqHcM4/2ttt09Ogt6gCnGY6eyFyYTFSaYZ+gglY"
    "QZfpVGMlRdC0tDR8l2WBl6duVwS0Mr6UNJH9WUPnbHVx8K0ltlrO+II+DK4K3DWwvZa484"
    "WuiZvJzFvuvcIn0KBdkYMfSwMpweScbUh8LZYRAv8dATdgJddBC/a5JH7DEEfhpQDO6FMG"
    "OcYrq3NM6AUoxNr4G+Nk/Q/6Lry/Mj+O2AW8PFujVphF2+LcSyh8Qptj3WCn9jmArTj4oe"
    "3ik7P5seCZY+SlNBtn4LJcJnqzu95y/IuBUjq1B1uB0n3RK7lsz6nhFUcHGfnhepY8Zb5Z"
    "uHzlO1zMb6iQy+QfMKontWpF7YWX69sLNUvbCgzp5M8YcoiSr+kEpz5Uhh6SgYM2HkLLFu"
    "WfaLjI4qSqMUVBtXUCkjff7qr66RfuqYK856nFLNellmPcO3NWWZVcpRlQSz/MgqtbNKgl"
    "l6dEucBDNPa71cZS2hrmb6aCQ0xzT0z6iHeSZ9H2roC71AAoSH0MNb5DXwcIbr9frdqUjT"
    "cmmIMeQDlVHvzAgqF1+6larlyqFmu77rs+y/ssHSKcIqIr4NdTDxNH7kkOeMZb3QVSZGt0"
    "NfmXBDOVhXmdlK5WeoJOZJUgV7cdhFyhfLfiSrJAZKEatY4vLoW9JqNqVczT9RDlPNpiKg"
    "9qdmCwU/OWATVBXyiNgcsPyolwR1TqGWqtJb7lNvGYYxrQlsGC9VUVQjL2wM0h4/7HqdVr"
    "+WudNuAtdIV4e1yxaGNn7A5MBbxMObTBzsejYVfrlrunrLJUY5EOizEvUonJbgFBgKNBW9"
    "XASteNmvNbFKlRuryOmy1cCLJnaJMa5lWLCCO/VFNix93maZFSsfBmVNKpc16ZnvWpmO8P"
    "l6+AiJ0sAX08DDSyWBcNC8guhuJUSbj8hwlgyY7/oaIdm95+t+VLwb83FNSeO7dMb44/8B"
    "xWiQVw=="
)
