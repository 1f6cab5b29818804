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
        DROP TABLE IF EXISTS "cdr";
        DROP TABLE IF EXISTS "cdr_hourly_summary";
        DROP TABLE IF EXISTS "cdr_rollup_mark";"""


MODELS_STATE = (
    "eJztXW1327ix/is4+hLnXMWN7ThJlfaeI9vaRF1bzpXkbberHoYiIQs1BXIJ0o633f9+MS"
    "Ap8VUi9GaKiw+2JBIDkg9AYObBYOY/jZltYosdtw3D9qnXaKH/NKg+w/xL+lQTNXTHWZyA"
    "A54+tkRZPVZozDxXN6CuiW4xzA+ZmBkucTxiUyjcRobuugS7LYQfsfuMbG+KXeTaT2iMLZ"
    "veM+TZCH/nlVj8JMUorP4Y6jdtg1+A0PvNq/Ip+dXHmmffYxDjFf7yL36YUBN/xyz66Txo"
    "E4ItMwEOMaECcVzznh1xrEu9H0RBuMuxZtiWP6OLws6zN7XpvDQJ4LrHFLu6h6F6z/UBLu"
    "pbVghshGBwp4siwS3GZEw80X0LQAfp4AYWxxqa1rsdaoPOUNMamQaJJGLAhocMm0Jj8ltl"
    "4unv4RbenJ68+/Du49n7dx95EXGb8yMffg8uvQAmEBTw9IaN38V53dODEgLjBajiMwPr5V"
    "R383GNyqeQ5becRjbCcRm00YEFtov+uw9wZ/p3zcL03psCom/fLoHyp3b/8ku7f8RLvYZL"
    "2vyFC17EXnjqNDgHeMfw9Wdj7GquTu+xxjzd9bJoX5D7wn6cL7+6X+egH3bbyoAf9Ow/n5"
    "6enX04fXv2/uP5uw8fzj++nXfx7Kllff2i+xm6e6Jpov6faY+xZRsPGiO/5XT+VW2RlK1R"
    "U2w4yCxAdvGvPnGxpvsm8TQX64zfT7bb27aFdZqPdVEVKbjHvI5dDTzzIztAfFk/vr29hp"
    "pnjP1qBR071at7dzcXnf7RiRiHeCHiFXR2PNOJpU1ceyYzxCel1hroq9a/E+P82WmZcZ6X"
    "Khznxbkk1GzmOdrUZjnDezHSCaH6AX16fl5mQj0/L55Q4VwO0I6dN48WDtwJGTVgZwcKAZ"
    "BnMQ3sjPwe3OGzn0C3y+9EpwbORzleyf50xMZg2O4Ph9eDhhzgjd5tr9NC8H9EozpaKPo2"
    "ouJnVK9k9/9YovN/LOz6H3M7vs+wK6uyZwTVSCMx0uiMPdlujum5AvC4oAK8JOBM0x2ijX"
    "WGNd+15DDPytYP9vNSJur5EhP1PGuiCugCioZbNZI9PSNaP9BPSoF+sgT0kwLQfW+qefYD"
    "zjGOVmCekKwf5DsbXmRtobhM/WA+Oy1lCC2xgzIYEweMdUsO5LjQHpVG9kQ8Yzq2dTe6p0"
    "Ps1mDX6JZm2txspyyL+98Gt7183LOSKfBNYnjov8girIyNtF4j/GXiUwNgRWOfWB6/kWO4"
    "3v/uqkWWNAAglWBeItyPbtr/SDfJ5fXthYCMm+/3rqhFVHCRah6D92wOmabnGKxX/IxHZj"
    "i/eZKS6aYJRY+jL4dIv/MHNG+p9RyOk0uaZti96XCr7OZron2u2sMOnDkVR59TR4/ep9ps"
    "Xgn6e3f4BcFP9E9u+qWbcV5u+M8G3BOfbW2N2k+absaWf6KjEWqJVvcdc81WT0qqVq9Kq0"
    "cYxZpd3D0sV04eYmtrcGCsGw9PfFrREmcW3QMslQf8nDNaX4SSP/zYx5YusM12g2iZ2CE/"
    "4ucD7AK/R50+OrroCjGMBPOPKa8KbwoUVNXhNdUWLIYZ4/VujJM3HQQ11RWosWvrpqEzb0"
    "OoLqJ66gqUYbobQnRpHqJPQFlwNObPZvrmYxNH6Yvtu9bzQNRX2xGKn/V0Y9PX7jKopeYg"
    "aY/YJRNiCDC4iLlxJwvq/SlW7WW4SFNLGH3m2TO88QAWVlNXmGZ8qtfvN+1bN0EtdQUp7v"
    "SzIVI9UdUF1FRXtKJVr4Cc3hCvr2Flw4joriNi3PrElrXxWNUPq6ktTLa16UDV51XUFR6g"
    "0GGJf0OIBsS5Y/XtRFtAqG7wAFtln9pF/FX21Ox0lj6iUz7/m+G14UpJfipvg8OcuVqyvy"
    "HgyEShMvsbXGxi6hHdQhPbRTpF/CnxvSvaEx2NiWVxgBB7Zh6eNdHlVR9NMDZff0LeFCOG"
    "ubyHCENc5eM1oanOptjM3f2wswupvRFqb0RlRow97I1wXDwh32UQXkhsB+OX7b5JL5P3ZZ"
    "xM0osbMR+T92l4+eCpwegiA3Bcpobd+P27EiC/f1cIMpxK9WHszkgR975k6T0pptbd1bq7"
    "WoHdwrq7pTMPDKF12j0tu4WWr5j314E0dM5Se7alXfxoP6zVzklJ1cpVbuXIuVjKvkkKrb"
    "Xfp3JD9hZMnYynSgbmLMY/cBuV3FNurGf2/hS4ECxqOjCIiygSftjVn+Y2d6p3cQT4c+Ng"
    "B+Zle3DZvuo0fi/2Adop37Jwc8njXBJOMEt4l7nfTUnu5ZZiZExhgzo6sl1k2feENhHD1G"
    "wi/B2cTI+Pj1830ZNLPA8DXSKYEF4rZXqggtoTcSioJUu6bP0KIzqibcPjdQWjBkO6i5Fj"
    "8WZHxGRNRG0P2B3o+wgctVpRhcRCtu9Z5BEzcci1nxgiHgKwWUkW55f4+8a7ET+dOBQtX4"
    "ZdLKcEn7rSh0T7aaLN/yVFEy2LPlAzpmgvsQaK+SR5VaW2Jki9dBQ+kGgPHMl8pmX1ztlk"
    "DVXmXRp3g06/heD/iF7e9obty2ELhV/4mPq1q/3Y+bmFwi8jOvh5MOzctFDwmR7ZSxFj5X"
    "ZfLdl8leZsArhhMUhWr0zJqa3k2a3kAUiRI9Ma+CZFFcRFEIfrY+tAnBRVEGch5niM8VS3"
    "Jpo9WWOkKBJXUBf1Zv6wWGrDd0qsypNmldbciCMDclC6fhtft78OJF5ybpbnkSjF+Cal6o"
    "fzTuIVBBb9Brp2voNPpYaMxmW/w20brlqLzxG9+3olfgefI3rVue7A7+BzRK9vuUXaQuJD"
    "/Lq9G4qf/HNEuzdfO/3BbU9UEfvB9fNO74pr5/z/iH7u9Dp9UST6xs9ffulc3V3zY9E30P"
    "K/Xgsdn39wK6Ddu+xc8zsVnyPa+cfX2z6/dvC5lsZfZlv6SfG29JPMtvSp5zngVD9et9ck"
    "Kqh0x/ncGUL78Ub/ejvgX+E//w694St0hWTHWad5yjgqFPspZNwUYsSVxMiZlKpyi1Rmin"
    "KxAZ7ZchFeEkIK5hIwp9jbkhZDSkoZCllDYbbYaFK298ZEath3d6JdFUVrHeLvBV23MDjr"
    "QSqwy5jpzj+GCVI646c0J6avb3ufo+Jp56Uk3iaZTLJoF3uOReWr4TIGl62Ny5hyNlDOBs"
    "rZoLSzwSJWRK63QSKUxDJ3A2+qsVjJUv4GwgVAOAOQmYNdPv+I7RevP0GyCV4ZCvYfimV5"
    "RLwmYjYSfl+wNYN4CFNTrN/PkG5Z+Q4H27/Elvd33N11rySW7X2fmMcgs87rsnr1PjY7iC"
    "vBv3cvMTUEQesCAzQ+4otHX75Av8ka7v5XbxuC7JFEuJEkihZcUPe2F6eGusH8+vK7GBRh"
    "rQjrAzep1FaEYvTruxUBf3cIr22NVk9K1rDVD6SV1T4E1cqKGtgppyvvWrOpN00dEVVky9"
    "7IlnTn3QKwNQspkkY19sLK8lfxWXbCR/PpVsJK9YO6ahdVapds3yLcaQ7Xl4iFWsz0jRPF"
    "StF8o8YAUxN1ICPdqIFsNzoyuBnw354dbOoJQ0vCJh/+BM9oHv+vhQg/HMW5Q0eQjdYJ3r"
    "YM37eja42oiw3iEG4yN9G3MFje8RwL/mZ8ey12H6U2LzGgFWM7mI7RtyhUGMhABBlebERh"
    "FxR2XzEUnUVPU16Ljhzd9XjHhm1SHr+1VnSA8SMY2dzmggqIOxfkdSyi466zlSlmrcptQf"
    "qj7D/aWaSaWM+QQDclpXwOsvop7BekRY7Jq0nhmHiV/Q8anZt297qFxMeI8gGvBaPeOgRw"
    "mQQnxelNsjl7/PG/sSGXVHMhskcuflcLHXtwCR/b5nMW4GJ/j6h8lXt0Zd09ojly/Cy/5S"
    "FPthaNsIdOPlfCtAJ7eMksmZHcH/Hw9lDmSbXE8Qdc4lCsqOLwKsY2VddhCtKh5JAnYZaU"
    "YtrECAuUi8OiWxbSg9AkQXpDbt5DgBRsIuJ9mpMMNu8mTUTxI3ZRmHGsIOzKBhVClJWeHc"
    "VRefOAn1GsVdHRt0SD/vUHeKxvr9EUuxjoFzsgQma6+xDGX4E4uohQhl2PjajwrRoLFgNN"
    "fWpCNF3e6X2mUxOJv9jlkDHFxgMQMhCyRZyG+5nq1qN4EobgZfgUcCr8+THzgBixLQj0Ak"
    "+1YHoihobLv2Io7HBojOE5w7vjFTTFNebskKB4gHQZBRgxe+K9CfpmYfDfJLnCGwJ69b8y"
    "DIwRS1PBH99V8V8qGv8lakIZlX8hUkNN/+T0Y6mdfh+XbPX7mKEMPN1dTxVNStZQFT0Q1b"
    "PcijxlT3yiWKedU6LK86LK7QzLG+s0clxOvcqVbmKhtEg2bySjmrbSTWv67nw1viQ/EBdR"
    "7EAO1wYZRvjQtga0OZIK4Tw20yJSSnpQvHarTdvfdMBvi9vGBd22GOCUmAJaBmhNPs1Kvn"
    "TtYD8rE2fmrDjOzFkmzkwcOMHcuDkrq+Vwj4nXDvgyuBfDnkHd4IDeY40/aW564SX8Vlqy"
    "TrPhXsiueOpiyJ6xRhMk5FQDrN0AjimzCheWVivZaRhNwvgVKDY8zdB9lhNupthyyRFVTn"
    "VZiIPllbVYnZRoDa1/5S6g3AVkzdUXizhWR2SVI4a0I0Z0A2U9MXq3qH0pQkzk9uMt4HsZ"
    "q6quAKde4CKEX8zb5Yvtu9bzwJ/N9PyMRJkyzRV+MNpUFNdYrPxKt5gheK74M7FjB/bkRL"
    "C9YpCbGTxbdA+FS7/g2gFl7oaXCK71CUH8y5njw7mnqW1hNHHtGbh/NFKNuavrjKiQhk09"
    "wnFEVAMyIIJFHiJdJJk+Ap+UefZpXsDAIuuR63vT18UuJvneI0VbfJR/yYtbfMX+JWodrb"
    "braLrn4ZmTx60UK84xEaXc5TJWwlbHUkpzXEahmsefFC5LLpsI6rokuWcOcOXS8LI2qPnq"
    "8L75cLUoUYFGUIsSL74oAdaaHPoxIQX9Bn0/sCfX2ZOXFFW2QbVtA0WrK1q98sgqWv1FYp"
    "QpTl0G3WWU+stvH+3bluU7N7r70Mhn02MFmquodFeU1WZR4ZU8+qgxnBIWp7XjLLQpSO4R"
    "L5iKYxWs2PPSsVhWTbEx058FNEqCRd/JVUb0KNxq+TraMAqP/8Z3IvmYWMCwz/n4YOsr3M"
    "QuYvgrclyR40oB3lABVoranhQ1pUwUKRMHuEAfBLLM1STCU8t1iFihUqEpghw6sCStz6f3"
    "YwSr5vgNxNwMI1oiCC6hW0H6nSYKGj2apqNgC098iobV8Iz6sKsLjYALRIbOMDr6hqEW7Q"
    "E/f3v9KahJZ+zJdk2o+QE7XhBdU2dIp0h37216Skw01dm0uYhLAeChJwIBK7wRFQ4DOqW2"
    "B/fD76JUTIj5jayICgHtGxRrokQFhSdUKM/dsgzFeopsItwap8DdSSC4eZeXxDiSUTiXw1"
    "mMTTIgzwVqiPDZaRmEeakle83yEZbtygkhhXQ5pB2OktSgPBeoX4asUvgugTeL7sweE0su"
    "rfNcQuG7Gt9Q2QxAykW5RCDrVB173JL6udPr9NvXDTn0I7EWCr+M6EX3+rrb+9xC4ZcRHX"
    "Yuv/S6l1Bq/nVEB+3rDgTAho8RvR1+6fRbSHykzY0y7bn9jIiOP7aIoXFbAee4NRTHbU7L"
    "1WBb8TIWaxfRmx2XPHJs1sA+LajAlwY/UF24MU74JfO4dNu2sE6X6T1x4VQLjLn0rppgfm"
    "S/rXBxe3udaIWLbhrmu5uLDh9+RJPwQsRLsOnpOXpd8HOkFfoS6BNH0y3LfsrCDmnsC/iW"
    "mEx6/YIYHvovsgjbGccdywY99onlEcqO4XovkRAaMFo+GKXHnWZyjQIqyMwEIeWnAa0nZR"
    "qkBWuowp6XyQLCSxUrseeZTCBz3CCnyv1abm0FVaj4j5Ve3FOZBf6AoQLCEOJrtHpSUrV6"
    "VVo952UP7155sipP1kNCVnmyKk/WyqO7oSfrAvbAaDeioIRmHu8lk303dC75KVbtJT9To6"
    "bYaSLeIviK3XjykF7p1qNlml2IrXT0aSMoG+Sc9WzkuPYjDhxq504vr1jkh8MVA647MMj1"
    "EjBE/GFnY0iwwkRGFvuJHiOh6aTaY0eXGVGdoi837cs3gy/t0/P3InyGyPnLr3XkQ57dwD"
    "nIcV5BFl1uYHiQBeZ15PfzSVyeF+a/Gb9VC7/xOUojir87hN9D4P4DJx24c33iQY22HWQS"
    "fnJtes97EMHiXsM0vhQ/YVcEC3GxY+kGhps+RgOoYURd+4lBUJFnxIdS/qyxFMXo3sZB3h"
    "xIu+MLpKD/LRyarWdkkRnx4DkhjXD5pL8x5y/lKfRSnkIqN60kL1Um2UxxqplMoplDC2Z9"
    "2D4YMK5Kk60JoRoivf3A4QcTaOZQ4smGU/86GWwSkjVksg6XucoSlkKjWyfnWExOLURUuY"
    "XVQkTxmHmYlLSKWfyClHTIM8gx0gkhhasipF+UkF6QIJvy0Yuaaopt8s2tVFyFaC0gj0GN"
    "rRMsoUzjpVYypB2RS1rc3JxfjBJLG/xpXjF0oTNiNBHvFRNy30TtgL9sojiT20Q9cCUFQj"
    "HDjm7/EiN6pT//aci1E9THcCHDQ/z5uYBj+QGhCCrAG7Hvcaxb0N0F12mRR37xgGkKWMhS"
    "GxsX+xIz1GOsFH+tPJ+pvYuVYSTV3sUa7l2smEm5B5jDcSUX5NW8+kJ6jz7+EEvgp05DDv"
    "NQqoWCzxHt9qIj0bcR/drpta+HP7dQ+EUcuer2Pmvtr1/7tz/B5pn0kXXI+R3sewqmHRkq"
    "My6iqMy0zTaxuOnMHCwVMTsppEDNxMvGY+JpYh02h1fCBpnpVtFCUkIyzSsFosdhFTsbed"
    "5KDjrb4A6vOpfdm/Y1f+eb71KbJ6KR4l12mymhZObPNEd/nuE8k3gp2DnSCvDlgHu24zua"
    "4bsupgbJ8xsq3r2SJ6t2sSQ4023sYvH4DOxg15B/H1KSf8B34YPEqxB2ZCnFPS5TQwPprI"
    "yLQLGDQBrhkHSQ7MUxqT9gD5YazSPVWCNUk0uLmiOp1MCcdBFxkNZZZcytQa0pV3lNmWuT"
    "jm5p0rGS0nL1I3Z24kP2hMcMBjoJpGMi9QP5vBR7dr6EPTvPsmeOpjOGIcth7uLukk6dFq"
    "wf4DuhK4M4lppuGJjlbc5YFpkhI7vHuAzRysfBhmUIwZsS08RUY1hYilJmbnENytjdurH7"
    "qLtSMXui8ipUj3SoHkIfbWJgjRlTbPpFwd1Wr6Xk1bPH5ri57Q2/XP8su6zS49piC8H/Eb"
    "1qd69/biHxMaJ/73R+hJ/B54iGF2ih+JVkA4yVmVJOimeUk6ypJxbQtQh8DnYhZ7p0clla"
    "jwoAJBMAKITQ9Pmf/iyzpJUnuj/z++xQ7O8IJtjKYOlyNkKebP1015NSuuvJEt31JCdK8H"
    "cPuzTQQMF/h9+OpNVQXINqglJN4HoOr87FT7q19l7CdB17nKOvby9/7FzJTtGBVAsFnyN6"
    "14uORN+qMRVDGiLXhD7tYo/PnLAbW3ICWFaF4mELbDrTnvFLSLEXacH6DT87ietm6sR6Bg"
    "cRaq7nBZEnv/FiTsXaYduLOcwjrsam+gOmGmzfBJ+1wm3MZVzeCqur8FvQaLdQe0QvWuhi"
    "RC9b6HKtIb/MiF884Ge23waO2LwnU3wiM/xkBCsMfJXI0zhup+sCfqoALw24QTw5N4iwfP"
    "3g3Y02j+8l41EsJBTEpSAGnplrelFQpPIKYkKsfmDvInMFN+hdueFiIVJDhMsAXIxvZu5z"
    "ROAsUzMsotlhnC0JfjdXXvG6ErxuPCtBGGvNxb/6xJUOsb+iJtUq6yY72KxZVlWl2kWiXa"
    "SzrqhsK+sv4YJz4G+Sac/iMnuE/G54uSvUdx1uyyRcJXziT2c/STmOpOWUu8jyF2ANdxEV"
    "76f4rahvvB+VeKBurZ7jiJ1JPBBEI1mn1ZOSytu+Oo2cfbdVLK/drJlGEAUxdiSzTOQLr4"
    "VzxV6dbcPM3wRsWbL4pqQUsCpm2gvGTIt64xbA7ceqOqz+Wxbc1KubQLfPZ8N+93LYWDYS"
    "bwHlO1ZnhPMnnwTQ/FZQ7+76uly2FMPM22MglR/FPMS93UWAJy1q09WYP5vpbm40CEmUvo"
    "gMFgNR33OdIXNty/Id3kfdh81R64vKbnhdtYUsCDW5nTRFdQXJ0+81N5dzlAIpjCo51O/r"
    "ClSQKkgbW7ax6dvXE1VdQE11RYsRB2IPbDoHDohTUu84GJT2EcIWXsMlUWzDt3R1IFvNC0"
    "uuDGZ7SzHihSHKrD6PMQtZsESdcDhMsIWYjSbE8njXQE+2+4B0izzwAhRhEawW03tCsYgN"
    "mwhlu4sL5AafjQfxhcdPB55VgWS3T20UB5INO2Dpdceg+K6WHPeK7O7911Q22D0RSSpj6b"
    "IpsbndjKW7nGCvbT55tIM0V3kzbOL80inWgpKaHitaMmC8EOS4PTfRxIY0lK7teRbHHY2f"
    "5xkuIeI6/xnkvcxOphvVtDotpJoi9zlFSseM2ixYVKWnyZ0EiyKODLpB6fpBu32XJ+YbBs"
    "amtCtlQm6PfpMvs7i+RbdJeaeGfbqw7LVrH6YHS5HfUkb1fEHtaBioEbhQPZoXKKEfefGy"
    "KxUkUT2CZ3ljTyaCKqDoKFBdmpFG8xo5OnGbkFhbcAlPUz7UzNWdI1DHInXndVZz2v4lRn"
    "REBxhSmLuPxMDsT8knP3aeQ+0MI8e2iPFcTF0EU08wvSva4iV1siqpDC+4TWn7OkP1lN0X"
    "hHcn2u6E4+W7ecuyxZk9YiIqkEha67J05mkhRGv4leaIK+fSKjuXihVCbGoQgipnqFre2h"
    "lh1dZVbuu5KbpOwu+UrGrpqrV0RcyqG2416Pe5BlV0qrnMlJrFCpVayA1MEzBfBjcD5NnI"
    "ppDW0yAOwdRroieXeB6mCNhjbpbwGinTgx1gUZbRqU7v+Zmp7iFD91mgG2QWdHdxoRElnm"
    "CtGa8C6RMPcp3asxnxjtE3C+sMB4PrNyT8qLh5xguacAnHtaHHMN4A9tg2uYnGEeKlnsMS"
    "3ogKSbgwbYpr6MhwdTbF4momdl8xJC6BGJk51jNyfcqQ7RfmOk0Zab/EcgZS/N2L1gdEBt"
    "NtJTe9IPd/FPvuz6enZ2cfTt+evf94/u7Dh/OPb+fKXPbUMq3uovsZFLvE6LPaCny59dWK"
    "TQR1yRlfc1jHrq2bBtgbUsCmxXYE7eHxQ5mkPvnExeqwejHxKtMYjc5Nu3vdQuJjRPmc3o"
    "KJPT31l6E2ysSXLI4umYkt+UBoQSzh1eBHspVGfsgV3BaC/yN6yTXddvdzr4WibyP6tT0Y"
    "/P22f9VC0bcR/anT7/7QvWwPu7e8bPwXJAD+6bZ7KfL/ii/iSHcYll18H9F+B+7putv7sY"
    "UW39dp85MyUY1OisManWTiGnm2DFUYlK5yM1eJJ2T++N/YyLF6iwGOidQgDsseMiiBFaJ5"
    "3BDIolwc6yYhVAOc9x3vRuA39WY5s/UK0COhOsSb2zfqDOsWt2YBRxncU2IKeXnkp1g3ub"
    "UZskSSSRdyhbcz6LwsgbD7+LcLqmcdrXQhvcch/v/uOnfyKRYCqRYKPrld0OlxXRX+j+gP"
    "3FKAc8HnOlrj+zJLzMUrzJlQmAHjJrP8GRdRy5+5y5/Yde0c7/ficT0ppYZ1+WEdIrISGJ"
    "tdPMGQP1wuRnGudB3aYR+RzVXAuD+I42Vig3BqwUay6XPEa9j+B9LepRb/Y4uJso2dElVL"
    "/1VuZ1hIXse/YyGm2rfK7auiAapoavt9bbYSTe1lnJHisUtyHJJSoU2KnZLi4VREyZWeSb"
    "/wbuF6TSQ+0P8gRn7DryM/oBCwVwy54BDURFP+NLBxFTyKIo+KY9THMPPCFlcdzS+dcEva"
    "yVVGNGg/Jmpx7aeW+CLOIcLQxMW88nveIYRXET8y5Z/YBNchJMJX6JRfBLyGgrJCsngjSO"
    "xVE8+hdoO86G6QoA0yuC5zxJqL1Glm2Ys7VjwG0W85nEcx5GHxOiG+vci+jPEpei1OIyVa"
    "Q6O2xqSG0o135BCmQu8oq+MQrY68TrwFcFVYo5c06r7yOfrJds2h/YBpI8esSxZoLjPsnL"
    "AoN0misitNuzYCa8nCb3w4i787BBBHDHtvouq4GUQf0JEOm0EeSZBWGjaO6GheAqJkezl7"
    "9rdau9iu7/HubSI9MOcGX9pvTs/fRyEIGTZc7AUGXvAdDmNrwq9MGMQo5IpCtKNFKqzSLw"
    "0/jIW59t4PZcptaMo5vss1rIKl1NVeGzHxKvuZNpY6+4Z+vun3rJSLb7kohkuCGGZdfCHX"
    "/FRnU5nl7aRU7fyVth93QS1pF0NfX+tPzJWYrdHqSckatvqBtHK5BU5nzRVORy1xHkYLKx"
    "pnNzQOKORyoMYkFKKKvnlJ+iayJjcEtmYJGtKoxl7YSlE22CW2SYy+n0/YxE43l9I1YUHN"
    "9UuSNX+fYgrESCiI/m2PYcUa/BeR6eNPSDcfeY8BiuWbcGrkNXMl4RsUEiE7LJ3MgC0RwT"
    "58miVsdnKFDcJWi8/Mi1JsXUbla2dXbjELQTHFEmtRWYU0JarMjkorpWKPh3hXYQdfzra/"
    "4jcsR1TtTSjcm1CROFZ9POG9Z1q4yJA4v3TScoOS6y4xoFAeCflPyAFun3qBwxY/b4ZxqB"
    "75aSZI/SCCL8OM8eqWrzBso3KVYqFarL8imRXJrEhmRTIrbW99bQ+mvjXaOCamKOYqt2+o"
    "v+SyoXd33auiTVJxqVQL+z4xj0G2Xq9uEG0paKt4K4gnXcqGhmhtgw31velgUdthgruSu0"
    "v2rirRd31uFFiWUO1z7KDwXHO5DRQrVcL8cXTX442M7l3bd1rC8BAJernhgcWuE2wSL3BO"
    "Ehxa6K3GUOS/DfF5iZdn/Gyz6lX7WQRWajvLS1pDL0uHvrQirsJHKDNI7bSo9uilFpQrsA"
    "s5u08gJ6jWRSj6w499bAm362LAJfYIVNPOywCeWY7fEKGSS/GHgs5OFXBbQJFVvm1rRToN"
    "NypRQumGyiE3hAer0Q52Z0QYJKyJOIoENF9+MNpWLlTle1enXqARiw6Rp29vqValaldisl"
    "Kq9r59D2LbORYvTxbmvw1ue/kwp8TSijYxPPRfZBG2M+Wg8ZeJT4NEOGOfWB6h7Biu97+N"
    "3Y7RedADTAkdOxO9MB2oMKU8QwWZIMzwVBrJobqWpoaOi+0xM/T8yOGmhlbWh7I+6ml97E"
    "+vPhSkd6pYD4gj4MrRraNTS9VrRhwt8kxerWIPul+R7kNCNo8YepQZTo8FYxpC4uxoEy9h"
    "6AE7IRcd7t81yT1mHgI/DUgG90Q8Y5pRund0nRGlGJushb60T9Bf0c3V+RE8O+DWcrFuzV"
    "pRla9LqeyRcEZtT5TC3z1MxdKP2j28V3V+3jwSKn1cpoZq/Q5ShM97d3bMXxJxKyFWo+xw"
    "ew66JUYtmf49F6hh5z49L5PHjJcqXh46z+Qym+onMviGxWuI7lmZfGFnxfnCzjL5wsI8ez"
    "LJH+IiKvlDJsyVI4Wlo2DMhZGrxLpl2U8yHFVcRhFUWyeo1CJ9ce+v7yK975hrtnpSUrV6"
    "VVo9x7c1szKryFEVBLP6yCraWQXBrDy6FQ6CWcRar6asJehqT59MBHNMI/+MZhRnMvChhr"
    "rQEwRA+BZ5eIu4BgznuF5vXp3aaVothhhDPFAZemcuULv9pTvJWq4canbruz6P/iu7WToj"
    "WEfEd0EHE6bxKYc85nTrpa4yCbk9+spEA8rBusrMeyqfQyUxT4sq2MvDLkK+WPY9WScwUE"
    "ZY7SWuDt+SpdkUuVo8oxwmzaZ2QL0czRYZfnLApqRq5BGxPWD5VC8J6kJCdVXFW74kbxlt"
    "Y9oQ2Gi/VE1Rjb2wCUj7fLLrdy+HjdyRdhu4xqo6rFG2NLTJCaYA3jIe3mGYjw2dvOsZEi"
    "XRP0PuW1MbcsuglcxktSFWmQxadelfu1ySaWOXGNNGzqJMeKa5bFlGX5RZtTBTDINaIKnW"
    "AskjH7VyfbuLqeWYiCKVy5HK8FJJIBwWryG6O9l1zK/o4TyzptibMyayf2fOl2Ett+a2mT"
    "Ew9+lf8Pv/Awf/NKA="
)
